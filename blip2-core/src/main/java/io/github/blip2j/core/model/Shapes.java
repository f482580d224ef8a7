package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/** Input shape checks with messages that name the input and the expected shape. */
final class Shapes {

    private Shapes() {}

    /**
     * Fails unless {@code x} has {@code dims.length} axes and each axis with a non-negative expected
     * size matches it ({@code -1} means any size).
     */
    static void require(NDArray x, String what, long... dims) {
        Shape s = x.getShape();
        boolean ok = s.dimension() == dims.length;
        for (int i = 0; ok && i < dims.length; i++) {
            ok = dims[i] < 0 || s.get(i) == dims[i];
        }
        if (!ok) {
            throw new IllegalArgumentException(what + ": expected shape " + describe(dims) + ", got " + s);
        }
    }

    private static String describe(long[] dims) {
        String[] parts = new String[dims.length];
        for (int i = 0; i < dims.length; i++) {
            parts[i] = dims[i] < 0 ? "*" : Long.toString(dims[i]);
        }
        return "(" + String.join(", ", Arrays.asList(parts)) + ")";
    }
}
