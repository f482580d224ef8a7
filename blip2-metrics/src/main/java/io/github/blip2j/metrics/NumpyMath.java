package io.github.blip2j.metrics;

/**
 * numpy's float64 summation, reproduced so corpus means match pycocoevalcap's {@code np.mean}
 * to the last bit rather than to a few ulps: blocks of up to 128 values are summed with eight
 * interleaved accumulators, longer arrays are split in two recursively. Public for the scorers in
 * this module's sub-packages (SPICE's corpus score is an {@code np.mean}).
 */
public final class NumpyMath {

    private static final int BLOCK = 128;

    private NumpyMath() {
    }

    /** {@code np.mean(values)}; {@code NaN} for an empty array, as numpy (which also warns). */
    public static double mean(double[] values) {
        return (0.0 + pairwiseSum(values, 0, values.length)) / values.length;
    }

    static double pairwiseSum(double[] a, int from, int n) {
        if (n < 8) {
            double res = 0.0;
            for (int i = 0; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        if (n <= BLOCK) {
            double r0 = a[from];
            double r1 = a[from + 1];
            double r2 = a[from + 2];
            double r3 = a[from + 3];
            double r4 = a[from + 4];
            double r5 = a[from + 5];
            double r6 = a[from + 6];
            double r7 = a[from + 7];
            int i = 8;
            for (; i < n - (n % 8); i += 8) {
                r0 += a[from + i];
                r1 += a[from + i + 1];
                r2 += a[from + i + 2];
                r3 += a[from + i + 3];
                r4 += a[from + i + 4];
                r5 += a[from + i + 5];
                r6 += a[from + i + 6];
                r7 += a[from + i + 7];
            }
            double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        int half = n / 2;
        half -= half % 8;
        return pairwiseSum(a, from, half) + pairwiseSum(a, from + half, n - half);
    }
}
