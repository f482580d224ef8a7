package io.github.blip2j.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumpyMathTest {

    /** a[i] = 0.1 * i + 0.001 * (i % 7), i = 1..n, as numpy 2.4 builds it. */
    private static double[] values(int n) {
        double[] a = new double[n];
        for (int i = 1; i <= n; i++) {
            a[i - 1] = 0.1 * i + 1e-3 * (i % 7);
        }
        return a;
    }

    @Test
    void meanIsBitForBitNumpys() {
        // expected values printed by python3: float(np.mean(np.array(a[:n]))) for n = 5, 100, 300
        assertThat(NumpyMath.mean(values(5))).isEqualTo(0.30300000000000005);
        assertThat(NumpyMath.mean(values(100))).isEqualTo(5.052970000000001);
        assertThat(NumpyMath.mean(values(300))).isEqualTo(15.05301);
    }

    @Test
    void pairwiseSummationDiffersFromALeftToRightSum() {
        double[] a = values(100);
        double naive = 0;
        for (double v : a) {
            naive += v;
        }
        // Python's sum(a) / 100 is 5.052969999999999: the blocked order is what makes numpy's result
        assertThat(naive / 100).isEqualTo(5.052969999999999);
        assertThat(NumpyMath.mean(a)).isNotEqualTo(naive / 100);
    }

    @Test
    void emptyMeanIsNaN() {
        assertThat(NumpyMath.mean(new double[0])).isNaN();
    }
}
