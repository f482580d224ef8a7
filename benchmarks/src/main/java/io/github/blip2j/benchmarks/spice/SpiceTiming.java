package io.github.blip2j.benchmarks.spice;

import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import io.github.blip2j.benchmarks.meteor.SyntheticCaptionCorpus;
import io.github.blip2j.spice.Spice;
import io.github.blip2j.spice.SpiceResult;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Wall-clock timing of SPICE on the synthetic COCO-like corpus of the METEOR benchmarks
 * (5,000 images x 5 references, seed 20240611), one cold run per JVM: a JMH fork would spend
 * most of its time re-parsing, and a warm parse cache would measure nothing.
 *
 * <p>Prints, for the first {@code --images} images: our time (model loading + parsing + scoring),
 * and the parsing cost of the CoreNLP pipeline exactly as SPICE 1.0 configures it
 * ({@code tokenize,ssplit,parse,lemma,ner}, every caption parsed, duplicates included) measured on
 * {@code --baseline} captions of the same corpus and extrapolated to all of them. With fewer than
 * 5,000 images both are also extrapolated to the full corpus, per caption, as labelled. Wall time
 * and process CPU time are both printed: on a shared machine CPU time is the comparable one (on an
 * idle 2-core machine wall time is about CPU time / 2 with 2 threads).
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -Xmx6g -Dai.djl.offline=true -cp benchmarks/target/benchmarks.jar \
 *   io.github.blip2j.benchmarks.spice.SpiceTiming --images 500 --threads 2 --baseline 300
 * </pre>
 */
public final class SpiceTiming {
    // --images 0 skips our run, --baseline 0 the baseline: run each in its own JVM for cold-start parity.

    private static final int FULL_IMAGES = 5000;

    private SpiceTiming() {
    }

    public static void main(String[] args) {
        int images = FULL_IMAGES;
        int threads = 2;
        int baseline = 300;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--images" -> images = Integer.parseInt(args[i + 1]);
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--baseline" -> baseline = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                    + " (use --images N --threads N --baseline N)");
            }
        }
        SyntheticCaptionCorpus full = SyntheticCaptionCorpus.generate(FULL_IMAGES, 5, 20240611L);
        List<String> allCaptions = new ArrayList<>();
        for (int i = 0; i < FULL_IMAGES; i++) {
            allCaptions.addAll(full.references().get(i));
            allCaptions.add(full.candidates().get(i));
        }
        int fullDistinct = new LinkedHashSet<>(allCaptions).size();

        Map<String, List<String>> refs = new LinkedHashMap<>();
        Map<String, String> cands = new LinkedHashMap<>();
        for (int i = 0; i < images; i++) {
            refs.put(Integer.toString(i), full.references().get(i));
            cands.put(Integer.toString(i), full.candidates().get(i));
        }
        int captions = images * 6;
        int distinct = distinctCaptions(refs, cands);
        System.out.printf(Locale.ROOT, "corpus: %d images, %d captions, %d distinct (full corpus: %d captions, %d distinct)%n",
            images, captions, distinct, allCaptions.size(), fullDistinct);

        if (images > 0) {
            long t0 = System.nanoTime();
            long c0 = cpuNanos();
            SpiceResult result = Spice.builder().threads(threads).build().score(refs, cands);
            double ours = (System.nanoTime() - t0) / 1e9;
            double oursCpu = (cpuNanos() - c0) / 1e9;
            System.out.printf(Locale.ROOT, "blip2-spice: %.1f s wall, %.1f s process CPU for %d images on %d threads"
                + " (SPICE %.4f)%n", ours, oursCpu, images, threads, result.corpusScore());
            if (images < FULL_IMAGES) {
                System.out.printf(Locale.ROOT, "blip2-spice extrapolated to 5000 x 5: %.0f s wall, %.0f s CPU"
                    + " (per distinct caption x %d)%n", ours / distinct * fullDistinct, oursCpu / distinct * fullDistinct,
                    fullDistinct);
            }
        }

        if (baseline > 0) {
            List<String> sample = allCaptions.subList(0, Math.min(baseline, allCaptions.size()));
            Properties props = new Properties();
            props.setProperty("annotators", "tokenize,ssplit,parse,lemma,ner");
            props.setProperty("depparse.extradependencies", "MAXIMAL");
            props.setProperty("threads", Integer.toString(threads));
            // SUTime needs a JAXB runtime that Java 17 lacks; without it NER is slightly cheaper,
            // so this baseline underestimates SPICE's cost.
            props.setProperty("ner.useSUTime", "false");
            long l0 = System.nanoTime();
            long lc0 = cpuNanos();
            StanfordCoreNLP pipeline = new StanfordCoreNLP(props);
            double load = (System.nanoTime() - l0) / 1e9;
            double loadCpu = (cpuNanos() - lc0) / 1e9;
            List<Annotation> batch = new ArrayList<>();
            for (String c : sample) {
                batch.add(new Annotation(c));
            }
            long p0 = System.nanoTime();
            long pc0 = cpuNanos();
            pipeline.annotate(batch);
            double parse = (System.nanoTime() - p0) / 1e9;
            double parseCpu = (cpuNanos() - pc0) / 1e9;
            double perCaption = parse / sample.size();
            double perCaptionCpu = parseCpu / sample.size();
            System.out.printf(Locale.ROOT, "SPICE 1.0 pipeline: load %.1f s wall / %.1f s CPU, %.1f ms wall / %.1f ms CPU"
                + " per caption on %d threads (%d captions)%n",
                load, loadCpu, perCaption * 1000, perCaptionCpu * 1000, threads, sample.size());
            System.out.printf(Locale.ROOT, "SPICE 1.0 pipeline extrapolated: %.0f s wall / %.0f s CPU for %d images,"
                + " %.0f s wall / %.0f s CPU for 5000 x 5%n",
                load + perCaption * captions, loadCpu + perCaptionCpu * captions, images,
                load + perCaption * allCaptions.size(), loadCpu + perCaptionCpu * allCaptions.size());
        }
    }

    /* Process CPU time, all threads: on a shared machine it varies far less than wall time. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    }

    private static int distinctCaptions(Map<String, List<String>> refs, Map<String, String> cands) {
        LinkedHashSet<String> set = new LinkedHashSet<>(cands.values());
        refs.values().forEach(set::addAll);
        return set.size();
    }
}
