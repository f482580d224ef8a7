package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.SplittableRandom;

/**
 * Deterministic random weights for benchmarks and self-consistency tests, drawn in Java so that a
 * seed gives the same model on every engine. Standard deviations follow the fixture's recipe
 * (Linear/Conv weights 1/sqrt(fan_in), biases 0.1, norm scales 1 +- 0.1, norm shifts 0.1, embeddings
 * 0.5), drawn uniformly rather than normally: a 90 M-parameter model fills in about a second.
 */
public final class RandomWeights {

    private RandomWeights() {}

    /** Fills every parameter of {@code registry}, in registration order, from one seeded stream. */
    public static void fill(ParameterRegistry registry, NDManager manager, DataType dtype, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (ModelParameter p : registry.all()) {
            long n = p.size();
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("parameter " + p.name() + " is too large for random init");
            }
            float[] v = new float[(int) n];
            double std;
            double mean = 0;
            switch (p.kind()) {
                case WEIGHT -> std = 1.0 / Math.sqrt((double) n / p.shape().get(0));
                case BIAS, NORM_BIAS -> std = 0.1;
                case NORM_WEIGHT -> {
                    std = 0.1;
                    mean = 1;
                }
                default -> std = 0.5;
            }
            double halfWidth = std * Math.sqrt(3); // U(-a, a) has std a / sqrt(3)
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (mean + halfWidth * (2 * random.nextDouble() - 1));
            }
            NDArray a = manager.create(v, p.shape());
            if (dtype != DataType.FLOAT32) {
                NDArray cast = a.toType(dtype, false);
                a.close();
                a = cast;
            }
            a.setName(p.name());
            p.set(a);
        }
    }
}
