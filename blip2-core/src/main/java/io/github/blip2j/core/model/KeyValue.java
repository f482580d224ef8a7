package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/**
 * Keys and values of one attention layer. Keys are kept transposed, {@code (rows, heads, head_dim,
 * positions)}, so that scores are a plain {@code q.matMul(keys)} without a transpose per step;
 * values are {@code (rows, heads, positions, head_dim)}.
 *
 * @param keys the transposed keys
 * @param values the values
 */
public record KeyValue(NDArray keys, NDArray values) {

    /** Axis of the positions in {@link #keys()}. */
    public static final int KEY_POSITION_AXIS = 3;
    /** Axis of the positions in {@link #values()}. */
    public static final int VALUE_POSITION_AXIS = 2;

    /** Number of cached positions. */
    public long length() {
        return keys.getShape().get(KEY_POSITION_AXIS);
    }

    /** This cache followed by {@code next} along the positions. */
    public KeyValue append(KeyValue next) {
        return new KeyValue(
                NDArrays.concat(new NDList(keys, next.keys), KEY_POSITION_AXIS),
                NDArrays.concat(new NDList(values, next.values), VALUE_POSITION_AXIS));
    }
}
