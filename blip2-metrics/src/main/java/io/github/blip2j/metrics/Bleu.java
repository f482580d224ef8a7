package io.github.blip2j.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * BLEU-1..BLEU-n as pycocoevalcap's {@code Bleu(n)} with {@code option='closest'}: per image the
 * reference length closest to the candidate's (ties go to the shorter), clipped n-gram counts
 * against the per-n-gram maximum over the references, and the 1e-15/1e-9 smoothing constants.
 * The corpus score comes from the summed statistics, so it is not the mean of the per-image scores.
 * Words are {@code str.split()} of the tokenized captions.
 */
public final class Bleu implements CaptionScorer<BleuStats> {

    private final int n;
    private final List<String> names;
    private final Map<String, String> signatures;

    /**
     * @param n highest n-gram order, 1..4; reports {@code Bleu_1..Bleu_n}
     * @throws IllegalArgumentException if {@code n} is out of range
     */
    public Bleu(int n) {
        if (n < 1 || n > NGramIndex.MAX_ORDER) {
            throw new IllegalArgumentException("bleu n must be in 1.." + NGramIndex.MAX_ORDER + ", got " + n);
        }
        this.n = n;
        List<String> list = new ArrayList<>();
        Map<String, String> sigs = new LinkedHashMap<>();
        for (int k = 1; k <= n; k++) {
            list.add("Bleu_" + k);
            sigs.put("Bleu_" + k, "BLEU[n=" + k + ",ref_len=closest,smooth=1e-15/1e-9,tok=ptb]");
        }
        this.names = List.copyOf(list);
        this.signatures = Collections.unmodifiableMap(sigs);
    }

    @Override
    public List<String> metricNames() {
        return names;
    }

    @Override
    public Map<String, String> signatures() {
        return signatures;
    }

    @Override
    public BleuStats imageStats(TokenizedImage image) {
        EncodedCaption cand = image.encodedCandidate();
        List<EncodedCaption> refs = image.encodedReferences();
        int testLength = cand.length;
        int closest = -1;
        for (EncodedCaption ref : refs) {
            int l = ref.length;
            if (closest < 0 || Math.abs(l - testLength) < Math.abs(closest - testLength)
                    || Math.abs(l - testLength) == Math.abs(closest - testLength) && l < closest) {
                closest = l;
            }
        }
        long[] guess = new long[n];
        long[] correct = new long[n];
        for (int k = 0; k < n; k++) {
            guess[k] = Math.max(0, testLength - k);
            NGramCounts counts = cand.counts[k];
            if (counts.ids.length == 0) {
                continue;
            }
            // per distinct candidate n-gram (in sorted order): its largest count in any reference
            int[] maxRef = new int[counts.sortedIds.length];
            for (EncodedCaption ref : refs) {
                NGramCounts r = ref.counts[k];
                int q = 0;
                for (int p = 0; p < maxRef.length && q < r.sortedIds.length; p++) {
                    int id = counts.sortedIds[p];
                    while (q < r.sortedIds.length && r.sortedIds[q] < id) {
                        q++;
                    }
                    if (q < r.sortedIds.length && r.sortedIds[q] == id) {
                        maxRef[p] = Math.max(maxRef[p], r.counts[r.orderOfSorted[q]]);
                    }
                }
            }
            long c = 0;
            for (int p = 0; p < maxRef.length; p++) {
                c += Math.min(maxRef[p], counts.counts[counts.orderOfSorted[p]]);
            }
            correct[k] = c;
        }
        return new BleuStats(testLength, closest, guess, correct);
    }

    @Override
    public MetricScores reduce(TokenizedCorpus corpus, List<BleuStats> stats, Parallelism parallelism) {
        double[][] perImage = new double[n][stats.size()];
        BleuStats total = BleuStats.zero(n);
        for (int i = 0; i < stats.size(); i++) {
            BleuStats s = stats.get(i);
            double[] scores = s.scores();
            for (int k = 0; k < n; k++) {
                perImage[k][i] = scores[k];
            }
            total = total.plus(s);
        }
        return MetricScores.of(names, total.scores(), perImage, stats.size());
    }
}
