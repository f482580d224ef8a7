package io.github.blip2j.core.model;

import io.github.blip2j.core.config.Activation;

/**
 * The formulas of {@link Activations} on Java float arrays, for {@link T5RowDecoder}. Each value is
 * computed in double and rounded once to float, so it is within an ulp or two of libtorch's float32
 * kernels (which round at every step), not bit-identical to them.
 */
final class HostActivations {

    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);
    private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);
    private static final double ONE_OVER_SQRT_PI = 1.0 / Math.sqrt(Math.PI);
    /** erfc on {@code [0, TABLE_END]} is interpolated from values and slopes every {@code 1 / TABLE_STEPS}. */
    private static final int TABLE_STEPS = 128;
    private static final double TABLE_END = 6.0;
    private static final double[] ERFC = new double[(int) (TABLE_END * TABLE_STEPS) + 2];
    private static final double[] ERFC_SLOPE = new double[ERFC.length];

    static {
        for (int i = 0; i < ERFC.length; i++) {
            double z = (double) i / TABLE_STEPS;
            ERFC[i] = erfc(z);
            ERFC_SLOPE[i] = -TWO_OVER_SQRT_PI * Math.exp(-z * z) / TABLE_STEPS;
        }
    }

    /** Below this the Maclaurin series of erf converges in a few dozen terms; above it the continued fraction of erfc does. */
    private static final double SERIES_LIMIT = 2.5;

    private HostActivations() {}

    /** Applies {@code act} in place to {@code x[from .. from + length)}. */
    static void apply(Activation act, float[] x, int from, int length) {
        int end = from + length;
        switch (act) {
            case GELU -> {
                for (int i = from; i < end; i++) {
                    x[i] = (float) gelu(x[i]);
                }
            }
            case GELU_TANH -> {
                for (int i = from; i < end; i++) {
                    double v = x[i];
                    x[i] = (float) (0.5 * v * (1 + Math.tanh(SQRT_2_OVER_PI * (v + 0.044715 * v * v * v))));
                }
            }
            case QUICK_GELU -> {
                for (int i = from; i < end; i++) {
                    double v = x[i];
                    x[i] = (float) (v / (1 + Math.exp(-1.702 * v)));
                }
            }
            case RELU -> {
                for (int i = from; i < end; i++) {
                    x[i] = Math.max(x[i], 0f);
                }
            }
            case SILU -> {
                for (int i = from; i < end; i++) {
                    double v = x[i];
                    x[i] = (float) (v / (1 + Math.exp(-v)));
                }
            }
        }
    }

    /** Exact GELU, {@code x Phi(x) = x/2 erfc(-x / sqrt 2)}, written so that neither tail cancels. */
    static double gelu(double x) {
        double z = x * SQRT_HALF;
        return z >= 0 ? 0.5 * x * (2 - fastErfc(z)) : 0.5 * x * fastErfc(-z);
    }

    /**
     * erfc for {@code z >= 0} by cubic Hermite interpolation of a table built from {@link #erfc}: within
     * ~1e-12 of it (checked by the tests), ~10x faster than summing the series per value, which made
     * a 1024-wide GELU cost as much as a libtorch op. Beyond the table erfc is below 2e-17: 0.
     */
    static double fastErfc(double z) {
        double u = z * TABLE_STEPS;
        if (!(u < ERFC.length - 1)) {
            return 0;
        }
        int i = (int) u;
        double t = u - i;
        double t2 = t * t;
        double t3 = t2 * t;
        double h00 = 2 * t3 - 3 * t2 + 1;
        double h10 = t3 - 2 * t2 + t;
        double h01 = -2 * t3 + 3 * t2;
        double h11 = t3 - t2;
        return h00 * ERFC[i] + h10 * ERFC_SLOPE[i] + h01 * ERFC[i + 1] + h11 * ERFC_SLOPE[i + 1];
    }

    /** erf for {@code z >= 0}. */
    static double erf(double z) {
        return z < SERIES_LIMIT ? erfSeries(z) : 1 - erfc(z);
    }

    /** erfc for {@code z >= 0}. */
    static double erfc(double z) {
        if (z < SERIES_LIMIT) {
            return 1 - erfSeries(z);
        }
        return Math.exp(-z * z) * ONE_OVER_SQRT_PI / erfcFraction(z);
    }

    /** {@code 2/sqrt(pi) sum (-1)^n z^(2n+1) / (n! (2n+1))}. */
    private static double erfSeries(double z) {
        double z2 = z * z;
        double term = z;
        double sum = z;
        for (int n = 1; n < 200; n++) {
            term *= -z2 / n;
            double add = term / (2 * n + 1);
            sum += add;
            if (Math.abs(add) <= 1e-17 * Math.abs(sum)) {
                break;
            }
        }
        return TWO_OVER_SQRT_PI * sum;
    }

    /**
     * The continued fraction {@code z + (1/2)/(z + 1/(z + (3/2)/(z + ...)))}, with
     * {@code erfc(z) = exp(-z^2) / (sqrt(pi) * fraction)}; evaluated by the modified Lentz method.
     */
    private static double erfcFraction(double z) {
        final double tiny = 1e-300;
        double f = z;
        double c = z;
        double d = 0;
        for (int n = 1; n < 500; n++) {
            double a = n * 0.5;
            d = z + a * d;
            d = d == 0 ? tiny : 1 / d;
            c = z + a / c;
            if (c == 0) {
                c = tiny;
            }
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return f;
    }
}
