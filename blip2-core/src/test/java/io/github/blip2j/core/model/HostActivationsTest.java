package io.github.blip2j.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.github.blip2j.core.config.Activation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The JVM activations against libtorch's ({@link Activations}) and erf against tabulated values. */
class HostActivationsTest {

    @ParameterizedTest
    @EnumSource(Activation.class)
    void agreeWithLibtorchWithinFloatRounding(Activation act) {
        int n = 20001;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = -12f + 24f * i / (n - 1); // both tails and every table interval of erfc
        }
        float[] expected;
        try (NDManager m = NDManager.newBaseManager()) {
            expected = Activations.apply(act, m.create(x)).toFloatArray();
        }
        float[] actual = x.clone();
        HostActivations.apply(act, actual, 0, n);
        for (int i = 0; i < n; i++) {
            // In the negative tails libtorch's float32 formulas lose all relative precision (x times
            // 1 + erf, which rounds to 0 or a few ulps of 1), so there they are only good to |x| ulp(1).
            double tolerance = Math.max(4 * Math.ulp(Math.abs(expected[i])), 2 * Math.abs(x[i]) * Math.ulp(1f));
            assertThat((double) Math.abs(actual[i] - expected[i])).as("%s(%s)", act, x[i]).isLessThanOrEqualTo(tolerance);
        }
    }

    @Test
    void erfMatchesReferenceValues() {
        // erf from Abramowitz & Stegun table 7.1 (to 15 digits) and erfc(4), erfc(5).
        assertThat(HostActivations.erf(0.5)).isCloseTo(0.520499877813047, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(HostActivations.erf(1.0)).isCloseTo(0.842700792949715, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(HostActivations.erf(2.0)).isCloseTo(0.995322265018953, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(HostActivations.erfc(4.0)).isCloseTo(1.541725790028002e-8, org.assertj.core.data.Percentage.withPercentage(1e-10));
        assertThat(HostActivations.erfc(5.0)).isCloseTo(1.537459794428035e-12, org.assertj.core.data.Percentage.withPercentage(1e-10));
    }

    @Test
    void tabulatedErfcStaysWithinATenBillionthOfTheSeries() {
        for (int i = 0; i <= 700_000; i++) {
            double z = i * 1e-5;
            assertThat(Math.abs(HostActivations.fastErfc(z) - HostActivations.erfc(z))).as("erfc(%s)", z).isLessThan(1e-10);
        }
    }
}
