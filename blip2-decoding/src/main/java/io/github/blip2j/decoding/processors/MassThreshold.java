package io.github.blip2j.decoding.processors;

import io.github.blip2j.decoding.LogitsMath;
import java.util.Arrays;

/**
 * The cut behind top-p and typical sampling over a whole vocabulary: sort the items by ascending
 * key, accumulate their weights, and return the key of the item at which the total first reaches
 * the target mass (see {@link LogitsMath#weightedThreshold}).
 *
 * <p>Instead of sorting, a histogram over the key range finds the one bin where the mass is
 * crossed in two branch-predictable passes; only that bin's items go through the exact (quickselect)
 * selection. Bin assignment is monotone in the key, so the result is exact. Buffers are allocated
 * once, for at most {@code capacity} items.
 */
public final class MassThreshold {

    private static final int BINS = 2048;
    private final double[] binMass = new double[BINS];
    private final int[] binCount = new int[BINS];
    private final short[] binOf;
    private final float[] subKeys;
    private final float[] subWeights;

    /** @param capacity the largest number of items (the vocabulary size) */
    public MassThreshold(int capacity) {
        this.binOf = new short[capacity];
        this.subKeys = new float[capacity];
        this.subWeights = new float[capacity];
    }

    /**
     * @param keys item keys (not modified)
     * @param weights item weights, {@code >= 0} (not modified)
     * @param n number of items
     * @param mass the target total weight
     * @return the key at which the running total reaches {@code mass}, or +inf if it never does
     */
    public float threshold(float[] keys, float[] weights, int n, double mass) {
        if (n <= 64) {
            System.arraycopy(keys, 0, subKeys, 0, n);
            System.arraycopy(weights, 0, subWeights, 0, n);
            return LogitsMath.weightedThreshold(subKeys, subWeights, n, mass);
        }
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            float k = keys[i];
            if (k < lo) {
                lo = k;
            }
            if (k > hi) {
                hi = k;
            }
        }
        float scale = (float) (BINS / ((double) hi - lo));
        if (!(hi > lo) || !Float.isFinite(scale) || !Float.isFinite(lo) || !Float.isFinite(hi)) {
            System.arraycopy(keys, 0, subKeys, 0, n);
            System.arraycopy(weights, 0, subWeights, 0, n);
            return LogitsMath.weightedThreshold(subKeys, subWeights, n, mass);
        }
        Arrays.fill(binMass, 0);
        Arrays.fill(binCount, 0);
        for (int i = 0; i < n; i++) {
            int b = Math.min((int) ((keys[i] - lo) * scale), BINS - 1);
            binOf[i] = (short) b;
            binMass[b] += weights[i];
            binCount[b]++;
        }
        double cum = 0;
        int crossing = -1;
        for (int b = 0; b < BINS; b++) {
            if (cum + binMass[b] >= mass && binCount[b] > 0) {
                crossing = b;
                break;
            }
            cum += binMass[b];
        }
        if (crossing < 0) {
            return Float.POSITIVE_INFINITY;
        }
        int m = 0;
        float binMax = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (binOf[i] == crossing) {
                subKeys[m] = keys[i];
                subWeights[m] = weights[i];
                binMax = Math.max(binMax, keys[i]);
                m++;
            }
        }
        float t = LogitsMath.weightedThreshold(subKeys, subWeights, m, mass - cum);
        // Rounding can leave the bin's own total a hair below what the histogram promised.
        return t == Float.POSITIVE_INFINITY ? binMax : t;
    }
}
