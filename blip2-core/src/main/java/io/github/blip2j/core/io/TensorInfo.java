package io.github.blip2j.core.io;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Header entry of one tensor in a safetensors file.
 *
 * @param name the tensor name, e.g. {@code vision_model.embeddings.patch_embedding.weight}
 * @param dtype the safetensors dtype as stored: {@code "F32"}, {@code "F16"}, {@code "BF16"}, {@code
 *     "F64"}, {@code "I64"}, ...
 * @param shape the shape (a copy is kept; {@code long[0]} for a scalar)
 * @param file the file that holds the tensor's bytes (one of the shards for sharded checkpoints)
 */
public record TensorInfo(String name, String dtype, long[] shape, Path file) {

    /** Defensive copy so that the record stays immutable. */
    public TensorInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(file, "file");
        shape = shape.clone();
    }

    /** Returns a copy of the shape. */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of elements (1 for a scalar). */
    public long numel() {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Number of bytes the tensor occupies in the file. */
    public long byteLength() {
        return Math.multiplyExact(numel(), DTypes.byteSize(dtype));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo t
                && name.equals(t.name)
                && dtype.equals(t.dtype)
                && Arrays.equals(shape, t.shape)
                && file.equals(t.file);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape), file);
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape) + " in " + file;
    }
}
