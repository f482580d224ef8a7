package io.github.blip2j.spice;

import org.junit.jupiter.api.Test;

class SpiceDebugRun {
    public static void main(String[] a) { new SpiceDebugRun().run(); }

    @Test
    void run() {
        String name = System.getProperty("fixture", "hand10");
        int every = Integer.getInteger("every", 1);
        SpiceFixture fx = SpiceFixture.load(name);
        if (every > 1) fx = fx.subset(every);
        Spice.Builder b = Spice.builder().threads(2);
        if (System.getProperty("cache") != null) b.cacheFile(java.nio.file.Path.of(System.getProperty("cache")));
        Spice spice = b.build();
        long t0 = System.nanoTime();
        SpiceResult r = spice.score(fx.references(), fx.candidates());
        System.out.printf("time %.1f s%n", (System.nanoTime() - t0) / 1e9);
        int bad = 0;
        int[][] catAgree = new int[SpiceCategory.values().length][2];
        for (SpiceFixture.Image img : fx.images()) {
            ImageScore s = r.perImage().get(img.id());
            boolean off = Math.abs(s.spice() - img.spice()) > 1e-3;
            for (SpiceCategory c : SpiceCategory.values()) {
                CategoryScore cs = s.get(c);
                boolean same = cs.truePositives() == (int) img.expected(c, "tp") && cs.falsePositives() == (int) img.expected(c, "fp")
                    && cs.falseNegatives() == (int) img.expected(c, "fn");
                catAgree[c.ordinal()][same ? 0 : 1]++;
            }
            if (off || Boolean.getBoolean("all")) {
                bad += off ? 1 : 0;
                System.out.printf("%s ours %.4f exp %.4f%n", img.id(), s.spice(), img.spice());
                for (SpiceCategory c : new SpiceCategory[]{SpiceCategory.OBJECT, SpiceCategory.ATTRIBUTE, SpiceCategory.RELATION}) {
                    CategoryScore cs = s.get(c);
                    System.out.printf("   %-10s ours tp %d fp %d fn %d | exp tp %.0f fp %.0f fn %.0f%n", c, cs.truePositives(), cs.falsePositives(), cs.falseNegatives(),
                        img.expected(c, "tp"), img.expected(c, "fp"), img.expected(c, "fn"));
                }
                System.out.println("   cand: " + img.candidate() + " -> " + spice.propositions(img.candidate()));
                for (String ref : img.refs()) System.out.println("   ref: " + ref + " -> " + spice.propositions(ref));
            }
        }
        for (SpiceCategory c : SpiceCategory.values()) System.out.printf("%-12s agree %d disagree %d%n", c, catAgree[c.ordinal()][0], catAgree[c.ordinal()][1]);
        System.out.printf("bad %d / %d ; corpus ours %.6f exp %.6f%n", bad, fx.images().size(), r.corpusScore(), fx.corpusSpice());
    }
}
