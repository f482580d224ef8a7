package io.github.blip2j.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Self-BLEU (Zhu et al. 2018, Texygen's {@code SelfBleu}): each tokenized candidate is scored as a
 * hypothesis against all other candidates as references with nltk 3.8's {@code sentence_bleu}
 * (uniform weights 1/n over orders 1..n, {@code SmoothingFunction().method1}: a zero precision
 * count becomes 0.1; brevity penalty against the closest reference length, ties to the shorter;
 * 0 when no unigram matches); the corpus value is the mean over candidates. Lower means more
 * diverse. Words are {@code str.split()} of the tokenized candidates. With a single image there
 * are no references and the score is 0 (Texygen fails there).
 *
 * <p>Runs in time linear in the number of candidates: the maximum count of an n-gram over "all
 * other candidates" comes from the largest and second-largest count over all of them.
 */
public final class SelfBleu implements CaptionScorer<SelfBleuStats> {

    private static final double EPSILON = 0.1;

    private final int maxOrder;
    private final List<String> names;
    private final Map<String, String> signatures;

    /**
     * @param maxOrder reports {@code SelfBLEU_2..SelfBLEU_maxOrder}; 2..4
     * @throws IllegalArgumentException if {@code maxOrder} is out of range
     */
    public SelfBleu(int maxOrder) {
        if (maxOrder < 2 || maxOrder > NGramIndex.MAX_ORDER) {
            throw new IllegalArgumentException("selfBleu maxOrder must be in 2.." + NGramIndex.MAX_ORDER + ", got " + maxOrder);
        }
        this.maxOrder = maxOrder;
        List<String> list = new ArrayList<>();
        Map<String, String> sigs = new LinkedHashMap<>();
        for (int n = 2; n <= maxOrder; n++) {
            list.add("SelfBLEU_" + n);
            sigs.put("SelfBLEU_" + n, "SelfBLEU[n=" + n + ",smooth=nltk_method1,refs=other_candidates,tok=ptb]");
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

    /** The candidate's n-gram counts of orders 1..maxOrder. */
    @Override
    public SelfBleuStats imageStats(TokenizedImage image) {
        NGramCounts[] c = new NGramCounts[maxOrder];
        for (int k = 0; k < maxOrder; k++) {
            c[k] = image.encodedCandidate().counts[k];
        }
        return new SelfBleuStats(c);
    }

    @Override
    public MetricScores reduce(TokenizedCorpus corpus, List<SelfBleuStats> imageStats, Parallelism parallelism) {
        List<NGramCounts[]> stats = new java.util.ArrayList<>(imageStats.size());
        imageStats.forEach(s -> stats.add(s.counts));
        int images = stats.size();
        Maxima maxima = new Maxima(corpus.ngramCount(), stats);
        int[] lengthCounts = lengthHistogram(stats);
        double[][] perImage = new double[names.size()][images];
        parallelism.forRanges(images, 64, (from, to) -> {
            int[] histogram = lengthCounts.clone();
            for (int i = from; i < to; i++) {
                NGramCounts[] hyp = stats.get(i);
                int hypLength = hyp[0].total;
                histogram[hypLength]--;
                int refLength = closestLength(histogram, hypLength);
                histogram[hypLength]++;
                long[] numerators = new long[maxOrder];
                for (int k = 0; k < maxOrder; k++) {
                    NGramCounts c = hyp[k];
                    long clipped = 0;
                    for (int p = 0; p < c.ids.length; p++) {
                        clipped += Math.min(c.counts[p], maxima.otherThan(c.ids[p], c.counts[p]));
                    }
                    numerators[k] = clipped;
                }
                for (int n = 2; n <= maxOrder; n++) {
                    perImage[n - 2][i] = images < 2 ? 0.0 : sentenceBleu(hyp, numerators, n, hypLength, refLength);
                }
            }
        });
        double[] corpusValues = new double[names.size()];
        for (int m = 0; m < names.size(); m++) {
            double sum = 0;
            for (double v : perImage[m]) {
                sum += v;
            }
            corpusValues[m] = images == 0 ? 0.0 : sum / images;
        }
        return MetricScores.of(names, corpusValues, perImage, images);
    }

    /** nltk's {@code sentence_bleu} with weights 1/n for orders 1..n and smoothing method1. */
    private static double sentenceBleu(NGramCounts[] hyp, long[] numerators, int n, int hypLength, int refLength) {
        if (numerators[0] == 0) {
            return 0.0;
        }
        double weight = 1.0 / n;
        double[] terms = new double[n];
        for (int k = 0; k < n; k++) {
            long denominator = Math.max(1, hyp[k].total);
            double p = numerators[k] == 0 ? (numerators[k] + EPSILON) / denominator
                    : numerators[k] / (double) denominator;
            terms[k] = weight * Math.log(p);
        }
        return brevityPenalty(refLength, hypLength) * Math.exp(exactSum(terms));
    }

    private static double brevityPenalty(int refLength, int hypLength) {
        if (hypLength > refLength) {
            return 1.0;
        }
        if (hypLength == 0) {
            return 0.0;
        }
        return Math.exp(1 - refLength / (double) hypLength);
    }

    /** Python's {@code math.fsum} for a few terms: the correctly rounded sum. */
    private static double exactSum(double[] terms) {
        java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
        for (double t : terms) {
            sum = sum.add(new java.math.BigDecimal(t));
        }
        return sum.doubleValue();
    }

    /** Reference length closest to {@code hypLength} among the remaining lengths; ties to the shorter. */
    private static int closestLength(int[] histogram, int hypLength) {
        for (int d = 0; d < histogram.length + hypLength; d++) {
            if (hypLength - d >= 0 && hypLength - d < histogram.length && histogram[hypLength - d] > 0) {
                return hypLength - d;
            }
            if (hypLength + d < histogram.length && histogram[hypLength + d] > 0) {
                return hypLength + d;
            }
        }
        return 0; // no other candidate
    }

    private static int[] lengthHistogram(List<NGramCounts[]> stats) {
        int max = 0;
        for (NGramCounts[] s : stats) {
            max = Math.max(max, s[0].total);
        }
        int[] h = new int[max + 1];
        for (NGramCounts[] s : stats) {
            h[s[0].total]++;
        }
        return h;
    }

    /** Per n-gram id: the largest count in any candidate, how many reach it, and the second largest. */
    private static final class Maxima {
        final int[] top;
        final int[] holders;
        final int[] second;

        Maxima(int ngramCount, List<NGramCounts[]> stats) {
            top = new int[ngramCount];
            holders = new int[ngramCount];
            second = new int[ngramCount];
            for (NGramCounts[] s : stats) {
                for (NGramCounts c : s) {
                    for (int p = 0; p < c.ids.length; p++) {
                        int g = c.ids[p];
                        int v = c.counts[p];
                        if (v > top[g]) {
                            second[g] = top[g];
                            top[g] = v;
                            holders[g] = 1;
                        } else if (v == top[g]) {
                            holders[g]++;
                        } else if (v > second[g]) {
                            second[g] = v;
                        }
                    }
                }
            }
        }

        /** The largest count of {@code g} in any candidate but one whose own count is {@code own}. */
        int otherThan(int g, int own) {
            return own == top[g] && holders[g] == 1 ? second[g] : top[g];
        }
    }
}
