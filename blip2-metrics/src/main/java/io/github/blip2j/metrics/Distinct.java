package io.github.blip2j.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Distinct-n (Li et al. 2016) over the candidates: distinct n-grams / total n-grams, pooled over
 * all tokenized candidates ({@code str.split()} words; n-grams never cross captions); 0 when there
 * is no n-gram. A corpus-only metric: per-image maps do not contain it.
 */
public final class Distinct implements CaptionScorer<int[][]> {

    private final int[] orders;
    private final List<String> names;
    private final Map<String, String> signatures;

    /**
     * @param orders the n-gram orders to report, each 1..4, no repeats
     * @throws IllegalArgumentException if {@code orders} is empty, repeats an order or has one out
     *     of range
     */
    public Distinct(int... orders) {
        if (orders.length == 0) {
            throw new IllegalArgumentException("distinct needs at least one order, got none");
        }
        boolean[] seen = new boolean[NGramIndex.MAX_ORDER + 1];
        List<String> list = new ArrayList<>();
        Map<String, String> sigs = new LinkedHashMap<>();
        for (int n : orders) {
            if (n < 1 || n > NGramIndex.MAX_ORDER) {
                throw new IllegalArgumentException("distinct order must be in 1.." + NGramIndex.MAX_ORDER + ", got " + n);
            }
            if (seen[n]) {
                throw new IllegalArgumentException("distinct order " + n + " given twice in " + Arrays.toString(orders));
            }
            seen[n] = true;
            list.add("Distinct_" + n);
            sigs.put("Distinct_" + n, "Distinct[n=" + n + ",over=candidates,tok=ptb]");
        }
        this.orders = orders.clone();
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

    /** The candidate's n-gram ids of each order. */
    @Override
    public int[][] imageStats(TokenizedImage image) {
        return image.encodedCandidate().ngrams;
    }

    @Override
    public MetricScores reduce(TokenizedCorpus corpus, List<int[][]> stats, Parallelism parallelism) {
        double[] values = new double[orders.length];
        boolean[] seen = new boolean[corpus.ngramCount()];
        for (int m = 0; m < orders.length; m++) {
            int k = orders[m] - 1;
            long total = 0;
            long distinct = 0;
            for (int[][] grams : stats) {
                for (int g : grams[k]) {
                    total++;
                    if (!seen[g]) {
                        seen[g] = true;
                        distinct++;
                    }
                }
            }
            values[m] = total == 0 ? 0.0 : distinct / (double) total;
        }
        return MetricScores.of(names, values, null, stats.size());
    }
}
