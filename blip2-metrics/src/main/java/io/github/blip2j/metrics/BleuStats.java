package io.github.blip2j.metrics;

import java.util.Arrays;

/**
 * BLEU sufficient statistics of one image or, summed with {@link #plus}, of a corpus: candidate
 * length, effective reference length (pycocoevalcap's "closest"), and per order the number of
 * candidate n-grams ("guess") and of those clipped-matched in a reference ("correct").
 */
public final class BleuStats {

    private static final double TINY = 1e-15;
    private static final double SMALL = 1e-9;

    private final long testLength;
    private final long referenceLength;
    private final long[] guess;
    private final long[] correct;

    /**
     * @throws IllegalArgumentException if {@code guess} and {@code correct} differ in length or a
     *     count is negative
     */
    public BleuStats(long testLength, long referenceLength, long[] guess, long[] correct) {
        if (guess.length != correct.length || guess.length == 0) {
            throw new IllegalArgumentException("guess and correct must have the same non-zero length, got "
                    + guess.length + " and " + correct.length);
        }
        if (testLength < 0 || referenceLength < 0 || Arrays.stream(guess).anyMatch(v -> v < 0)
                || Arrays.stream(correct).anyMatch(v -> v < 0)) {
            throw new IllegalArgumentException("BLEU statistics must be non-negative");
        }
        this.testLength = testLength;
        this.referenceLength = referenceLength;
        this.guess = guess.clone();
        this.correct = correct.clone();
    }

    /** All-zero statistics for BLEU up to order {@code n}: the identity of {@link #plus}. */
    public static BleuStats zero(int n) {
        return new BleuStats(0, 0, new long[n], new long[n]);
    }

    public long testLength() {
        return testLength;
    }

    public long referenceLength() {
        return referenceLength;
    }

    /** Number of candidate n-grams of order {@code k} (1-based). */
    public long guess(int k) {
        return guess[k - 1];
    }

    /** Number of clipped n-gram matches of order {@code k} (1-based). */
    public long correct(int k) {
        return correct[k - 1];
    }

    public int maxOrder() {
        return guess.length;
    }

    /** Element-wise sum: the statistics of both sets of images together. */
    public BleuStats plus(BleuStats other) {
        if (other.maxOrder() != maxOrder()) {
            throw new IllegalArgumentException("cannot add BLEU statistics of orders " + maxOrder() + " and " + other.maxOrder());
        }
        long[] g = new long[guess.length];
        long[] c = new long[guess.length];
        for (int k = 0; k < g.length; k++) {
            g[k] = guess[k] + other.guess[k];
            c[k] = correct[k] + other.correct[k];
        }
        return new BleuStats(testLength + other.testLength, referenceLength + other.referenceLength, g, c);
    }

    /**
     * BLEU-1..BLEU-n from these statistics, as pycocoevalcap computes them both per image and for
     * the corpus: each precision is {@code (correct + 1e-15) / (guess + 1e-9)}, BLEU-k is the k-th
     * root of the product of the first k, times the brevity penalty {@code exp(1 - 1/ratio)} when
     * {@code ratio = (testLength + 1e-15) / (referenceLength + 1e-9)} is below 1.
     */
    public double[] scores() {
        int n = guess.length;
        double[] out = new double[n];
        double bleu = 1.0;
        for (int k = 0; k < n; k++) {
            bleu *= (correct[k] + TINY) / (guess[k] + SMALL);
            out[k] = Math.pow(bleu, 1.0 / (k + 1));
        }
        double ratio = (testLength + TINY) / (referenceLength + SMALL);
        if (ratio < 1) {
            double penalty = Math.exp(1 - 1 / ratio);
            for (int k = 0; k < n; k++) {
                out[k] *= penalty;
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "BleuStats[testLength=" + testLength + ", referenceLength=" + referenceLength + ", guess="
                + Arrays.toString(guess) + ", correct=" + Arrays.toString(correct) + "]";
    }
}
