package io.github.blip2j.decoding;

/**
 * Row kernels over one vocabulary-wide score row: max, log-sum-exp, softmax, selection.
 *
 * <p>Every method works on arrays that start at index 0. HotSpot's C2 (JDK 17) vectorises simple
 * zero-offset loops but not the same loops over {@code a[offset + i]}, so callers copy a row out of
 * the flat logits buffer first (a memcpy) and then run these kernels on the copy. No method
 * allocates: scratch arrays come from the caller.
 *
 * <p>{@link #exp} is a polynomial approximation (relative error below 1e-5 for arguments in
 * [-20, 0], the six squarings amplifying float rounding; the log-sum-exp of a vocabulary row comes
 * out within ~1e-6) used only for arguments {@code <= 0}. Unlike {@link Math#exp} it vectorises,
 * which is what keeps a decoding step cheap at a vocabulary of 32k.
 */
public final class LogitsMath {

    /** Below this (x < -83.2), {@code exp(x)} is held at about 7e-37: zero for any sum, yet a normal float (subnormals are slow). */
    private static final float MIN_SCALED_ARG = -1.3f;

    private LogitsMath() {}

    /** Largest value of {@code a[0..n)}; NaN values are skipped; -inf when {@code n == 0}. */
    public static float max(float[] a, int n) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            float v = a[i];
            if (v > m) {
                m = v;
            }
        }
        return m;
    }

    /** Index of the first largest value of {@code a[0..n)} (torch.argmax semantics on ties). */
    public static int argmax(float[] a, int n) {
        int best = 0;
        float m = a[0];
        for (int i = 1; i < n; i++) {
            float v = a[i];
            if (v > m) {
                m = v;
                best = i;
            }
        }
        return best;
    }

    /**
     * {@code out[i] = exp(a[i] - shift)} for {@code i < n}. Meant for {@code a[i] <= shift} (shift is
     * the row max or its log-sum-exp); -inf maps to a value below 1e-38.
     */
    public static void exp(float[] a, int n, float shift, float[] out) {
        for (int i = 0; i < n; i++) {
            // exp(x) = exp(x/64)^64: a short Taylor series on [-1.3, 0] and six squarings, all
            // plain float arithmetic so that the loop vectorises.
            float y = Math.max((a[i] - shift) * (1f / 64f), MIN_SCALED_ARG);
            float p = 1f + y * (1f + y * (0.5f + y * (1f / 6 + y * (1f / 24 + y * (1f / 120
                    + y * (1f / 720 + y * (1f / 5040)))))));
            p = p * p;
            p = p * p;
            p = p * p;
            p = p * p;
            p = p * p;
            p = p * p;
            out[i] = p;
        }
    }

    /**
     * Sum of {@code a[0..n)} by pairwise folding; {@code a} is destroyed and {@code scratch} needs
     * {@code n / 2} floats. Pairwise summation keeps the float error at O(log n) ulps. Each level
     * copies the upper half out (a memcpy) so that the add runs on equal indices and vectorises.
     */
    public static double sumDestructive(float[] a, int n, float[] scratch) {
        while (n > 64) {
            int h = n >>> 1;
            if ((n & 1) != 0) {
                a[0] += a[n - 1];
            }
            System.arraycopy(a, h, scratch, 0, h);
            addInPlace(a, scratch, h);
            n = h;
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += a[i];
        }
        return s;
    }

    private static void addInPlace(float[] a, float[] b, int n) {
        for (int i = 0; i < n; i++) {
            a[i] += b[i];
        }
    }

    /**
     * {@code log(sum(exp(a[0..n))))}. Returns -inf when every value is -inf and NaN when the row
     * holds NaN or +inf. {@code scratch1} needs {@code n} floats and {@code scratch2} {@code n / 2}.
     */
    public static float logSumExp(float[] a, int n, float[] scratch1, float[] scratch2) {
        float m = max(a, n);
        if (m == Float.NEGATIVE_INFINITY || m == Float.POSITIVE_INFINITY) {
            return hasNaN(a, n) ? Float.NaN : m;
        }
        exp(a, n, m, scratch1);
        double s = sumDestructive(scratch1, n, scratch2);
        return (float) (m + Math.log(s));
    }

    /**
     * {@link #logSumExp(float[], int, float[], float[])} when the row maximum {@code max} is already
     * known (e.g. from an argmax or a top-k scan), saving a pass.
     */
    public static float logSumExpWithMax(float[] a, int n, float max, float[] scratch1, float[] scratch2) {
        if (max == Float.NEGATIVE_INFINITY || max == Float.POSITIVE_INFINITY || max != max) {
            return logSumExp(a, n, scratch1, scratch2);
        }
        exp(a, n, max, scratch1);
        double s = sumDestructive(scratch1, n, scratch2);
        return (float) (max + Math.log(s));
    }

    /** {@code a[i] += c} for {@code i < n}. */
    public static void add(float[] a, int n, float c) {
        for (int i = 0; i < n; i++) {
            a[i] += c;
        }
    }

    /** {@code a[i] -= c} for {@code i < n} (log-softmax once c is the log-sum-exp). */
    public static void subtract(float[] a, int n, float c) {
        for (int i = 0; i < n; i++) {
            a[i] -= c;
        }
    }

    /** {@code a[i] /= c} for {@code i < n}. */
    public static void divide(float[] a, int n, float c) {
        for (int i = 0; i < n; i++) {
            a[i] /= c;
        }
    }

    /** Whether {@code a[0..n)} holds a NaN. */
    public static boolean hasNaN(float[] a, int n) {
        for (int i = 0; i < n; i++) {
            if (a[i] != a[i]) {
                return true;
            }
        }
        return false;
    }

    /**
     * The {@code k}-th largest value (1-based) of {@code a[0..n)} by quickselect, expected O(n).
     * {@code scratch} (n floats) receives a permuted copy; {@code a} is left untouched.
     */
    public static float kthLargest(float[] a, int n, int k, float[] scratch) {
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k = " + k + ": must be in [1, " + n + "]");
        }
        System.arraycopy(a, 0, scratch, 0, n);
        int target = n - k; // index in ascending order
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            float pivot = median3(scratch[lo], scratch[(lo + hi) >>> 1], scratch[hi]);
            // Three-way partition: [lo, lt) < pivot, [lt, gt] == pivot, (gt, hi] > pivot.
            int lt = lo;
            int gt = hi;
            int i = lo;
            while (i <= gt) {
                float v = scratch[i];
                if (v < pivot) {
                    scratch[i++] = scratch[lt];
                    scratch[lt++] = v;
                } else if (v > pivot) {
                    scratch[i] = scratch[gt];
                    scratch[gt--] = v;
                } else {
                    i++;
                }
            }
            if (target < lt) {
                hi = lt - 1;
            } else if (target > gt) {
                lo = gt + 1;
            } else {
                return pivot;
            }
        }
        return scratch[lo];
    }

    /**
     * Weighted selection behind top-p and typical sampling, by quickselect (fine for small
     * {@code n}; {@link io.github.blip2j.decoding.processors.MassThreshold} handles vocabulary-sized
     * inputs). Sort the {@code n} items by ascending {@code key}; walk them accumulating
     * {@code weight}; return the key of the first item at which the running total reaches
     * {@code mass}. Items whose key is {@code <=} the result form the smallest prefix holding at least
     * {@code mass}. Returns +inf when the total never reaches {@code mass}. Both arrays are permuted.
     */
    public static float weightedThreshold(float[] keys, float[] weights, int n, double mass) {
        int lo = 0;
        int hi = n; // exclusive
        double need = mass;
        while (hi - lo > 0) {
            float pivot = median3(keys[lo], keys[(lo + hi - 1) >>> 1], keys[hi - 1]);
            int lt = lo;
            int gt = hi - 1;
            int i = lo;
            double wLess = 0;
            double wEqual = 0;
            while (i <= gt) {
                float k = keys[i];
                float w = weights[i];
                if (k < pivot) {
                    keys[i] = keys[lt];
                    weights[i] = weights[lt];
                    keys[lt] = k;
                    weights[lt] = w;
                    lt++;
                    i++;
                    wLess += w;
                } else if (k > pivot) {
                    keys[i] = keys[gt];
                    weights[i] = weights[gt];
                    keys[gt] = k;
                    weights[gt] = w;
                    gt--;
                } else {
                    i++;
                    wEqual += w;
                }
            }
            if (wLess >= need) {
                hi = lt;
            } else if (wLess + wEqual >= need) {
                return pivot;
            } else {
                need -= wLess + wEqual;
                lo = gt + 1;
            }
        }
        return Float.POSITIVE_INFINITY;
    }

    private static float median3(float a, float b, float c) {
        if (a > b) {
            float t = a;
            a = b;
            b = t;
        }
        if (b > c) {
            b = c;
        }
        return Math.max(a, b);
    }
}
