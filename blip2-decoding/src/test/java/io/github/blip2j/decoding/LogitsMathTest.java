package io.github.blip2j.decoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LogitsMathTest {

    @Test
    void logSumExpIsAccurateOnVocabularySizedRows() {
        Random r = new Random(5);
        int n = 32128;
        float[] a = new float[n];
        float[] s1 = new float[n];
        float[] s2 = new float[n / 2 + 1];
        for (double scale : new double[] {0.1, 1, 3, 12, 40}) {
            for (int i = 0; i < n; i++) {
                a[i] = (float) (r.nextGaussian() * scale);
            }
            a[17] += 25; // a peaked row too
            assertThat((double) LogitsMath.logSumExp(a, n, s1, s2)).as("scale %s", scale)
                    .isCloseTo(ToyModel.logSumExp(a), within(2e-6 * Math.max(1, Math.abs(ToyModel.logSumExp(a)))));
        }
    }

    @Test
    void logSumExpHandlesMaskedRows() {
        float[] s1 = new float[4];
        float[] s2 = new float[3];
        float ninf = Float.NEGATIVE_INFINITY;
        assertThat(LogitsMath.logSumExp(new float[] {ninf, ninf, ninf}, 3, s1, s2)).isEqualTo(ninf);
        assertThat((double) LogitsMath.logSumExp(new float[] {ninf, 0f, ninf, 0f}, 4, s1, s2))
                .isCloseTo(Math.log(2), within(1e-6));
        assertThat(LogitsMath.logSumExp(new float[] {1f, Float.NaN}, 2, s1, s2)).isNaN();
    }

    @Test
    void expIsAccurateWhereTheMassIs() {
        float[] x = new float[2000];
        for (int i = 0; i < x.length; i++) {
            x[i] = -i * 0.01f; // [-20, 0]
        }
        float[] out = new float[x.length];
        LogitsMath.exp(x, x.length, 0f, out);
        for (int i = 0; i < x.length; i++) {
            assertThat((double) out[i]).isCloseTo(Math.exp(x[i]), within(1e-5 * Math.exp(x[i])));
        }
    }

    @Property(tries = 200)
    void kthLargestMatchesSorting(@ForAll @IntRange(min = 1, max = 300) int n, @ForAll @IntRange(min = 0) int seed) {
        Random r = new Random(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextInt(4) == 0 ? r.nextInt(5) : (float) r.nextGaussian(); // with ties
        }
        float[] sorted = a.clone();
        Arrays.sort(sorted);
        int k = 1 + r.nextInt(n);
        float[] copy = a.clone();
        assertThat(LogitsMath.kthLargest(a, n, k, new float[n])).isEqualTo(sorted[n - k]);
        assertThat(a).isEqualTo(copy);
    }

    @Property(tries = 200)
    void weightedThresholdIsTheFirstKeyWhoseCumulativeWeightReachesMass(
            @ForAll @IntRange(min = 1, max = 200) int n, @ForAll @IntRange(min = 0) int seed) {
        Random r = new Random(seed);
        float[] keys = new float[n];
        float[] w = new float[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            keys[i] = r.nextInt(3) == 0 ? r.nextInt(4) : (float) r.nextGaussian();
            w[i] = r.nextFloat();
            total += w[i];
        }
        double mass = r.nextDouble() * total * 1.05; // sometimes unreachable
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (x, y) -> Float.compare(keys[x], keys[y]));
        float expected = Float.POSITIVE_INFINITY;
        double cum = 0;
        for (int i = 0; i < n; i++) {
            cum += w[idx[i]];
            // among equal keys the order does not matter: the group reaches the mass together
            boolean lastOfGroup = i == n - 1 || keys[idx[i + 1]] != keys[idx[i]];
            if (cum >= mass && lastOfGroup) {
                expected = keys[idx[i]];
                break;
            }
        }
        assertThat(LogitsMath.weightedThreshold(keys.clone(), w.clone(), n, mass)).isEqualTo(expected);
    }

    @Test
    void argmaxTakesTheFirstMaximum() {
        assertThat(LogitsMath.argmax(new float[] {1f, 3f, 2f, 3f}, 4)).isEqualTo(1);
    }
}
