package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Moving values between libtorch arrays and the Java float arrays of the JVM-side decoders
 * ({@link T5RowDecoder}, {@link OptRowDecoder}), and the checks and element-wise sums they share.
 */
final class HostArrays {

    private HostArrays() {}

    /** A parameter's values as float32, copied once (norm weights, biases, bias tables). */
    static float[] floats(ModelParameter p) {
        return floats(p.array());
    }

    /** An array's values as float32, copied (in row-major order whatever its strides). */
    static float[] floats(NDArray a) {
        return (a.getDataType() == DataType.FLOAT32 ? a : a.toType(DataType.FLOAT32, false)).toFloatArray();
    }

    /** As {@link #floats}, or {@code null} for an absent parameter. */
    static float[] floatsOrNull(ModelParameter p) {
        return p == null ? null : floats(p);
    }

    /**
     * A float32 array's values through a direct buffer over its own memory (over a contiguous copy in
     * the array's manager when it is not contiguous): reads and writes go to libtorch's memory, no JNI copy.
     */
    static FloatBuffer view(NDArray array) {
        return array.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** Reads the first {@code count} values of a float32 array into {@code into}. */
    static void read(NDArray array, float[] into, int count) {
        view(array).get(0, into, 0, count);
    }

    /** Rows {@code ids} of a {@code (n, width)} table, one after another; the lookup's arrays are freed with {@code step}. */
    static float[] rows(ModelParameter table, int[] ids, int width, NDManager step) {
        long[] longs = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            longs[i] = ids[i];
        }
        return rows(table, longs, width, step);
    }

    /** As {@link #rows(ModelParameter, int[], int, NDManager)}. */
    static float[] rows(ModelParameter table, long[] ids, int width, NDManager step) {
        float[] out = new float[ids.length * width];
        read(TokenEmbedding.lookup(step.create(ids, new Shape(ids.length, 1)), table), out, out.length);
        return out;
    }

    /** @throws IllegalArgumentException if {@code logits} cannot hold {@code rows x vocab} values */
    static void checkLogits(float[] logits, int rows, int vocab) {
        if (logits.length < (long) rows * vocab) {
            throw new IllegalArgumentException("logits: array of " + logits.length + " floats cannot hold " + rows
                    + " rows x " + vocab);
        }
    }

    /** {@code h += delta}, element by element (float32 adds, as libtorch's residuals). */
    static void addTo(float[] h, float[] delta) {
        for (int j = 0; j < h.length; j++) {
            h[j] += delta[j];
        }
    }
}
