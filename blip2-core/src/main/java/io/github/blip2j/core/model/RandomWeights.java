package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.SplittableRandom;

/**
 * Deterministic random weights for benchmarks and self-consistency tests, drawn in Java so that a
 * seed gives the same model on every engine. Scales follow the fixture's recipe: Linear/Conv
 * weights N(0, 1/fan_in), biases 0.1 N, norm scales 1 + 0.1 N, norm shifts 0.1 N, embeddings 0.5 N.
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
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (mean + std * gaussian(random));
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

    /** Box-Muller: SplittableRandom has no nextGaussian on Java 17. */
    private static double gaussian(SplittableRandom r) {
        double u1 = 1.0 - r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
