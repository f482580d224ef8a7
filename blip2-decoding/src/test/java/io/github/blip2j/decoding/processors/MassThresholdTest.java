package io.github.blip2j.decoding.processors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class MassThresholdTest {

    /** Sort-based definition: key of the first item (ascending keys) where the running total reaches mass. */
    static float bySorting(float[] keys, float[] w, int n, double mass) {
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (x, y) -> Float.compare(keys[x], keys[y]));
        double cum = 0;
        for (int i = 0; i < n; i++) {
            cum += w[idx[i]];
            boolean lastOfGroup = i == n - 1 || keys[idx[i + 1]] != keys[idx[i]];
            if (cum >= mass && lastOfGroup) {
                return keys[idx[i]];
            }
        }
        return Float.POSITIVE_INFINITY;
    }

    @Property(tries = 100)
    void matchesSortingOnVocabularySizedInputs(@ForAll @IntRange(min = 1, max = 5000) int n,
            @ForAll @IntRange(min = 0) int seed, @ForAll @IntRange(min = 0, max = 3) int shape) {
        Random r = new Random(seed);
        float[] keys = new float[n];
        float[] w = new float[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            keys[i] = switch (shape) {
                case 0 -> (float) r.nextGaussian();
                case 1 -> r.nextInt(7); // heavy ties
                case 2 -> (float) Math.exp(r.nextGaussian() * 4); // skewed
                default -> i == 0 ? -1000f : (float) r.nextGaussian() * 1e-3f; // one outlier, tiny range
            };
            w[i] = (float) Math.exp(-keys[i] * (shape == 2 ? 0 : 1)) * r.nextFloat();
            total += w[i];
        }
        double mass = total * r.nextDouble() * 1.02;
        float[] k0 = keys.clone();
        float[] w0 = w.clone();
        float got = new MassThreshold(n).threshold(keys, w, n, mass);
        assertThat(keys).isEqualTo(k0);
        assertThat(w).isEqualTo(w0);
        float want = bySorting(keys, w, n, mass);
        if (got != want) {
            // only a rounding hair from the total can separate "never reached" from "the last key"
            assertThat(Math.max(got, want)).isEqualTo(Float.POSITIVE_INFINITY);
            assertThat(Math.abs(mass - total)).isLessThan(1e-6 * total);
        }
    }
}
