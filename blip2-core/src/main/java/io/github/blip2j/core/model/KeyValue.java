package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;

/**
 * Keys and values of one attention layer, each {@code (rows, heads, positions, head_dim)}.
 *
 * @param keys the keys
 * @param values the values
 */
public record KeyValue(NDArray keys, NDArray values) {

    /** Number of cached positions. */
    public long length() {
        return keys.getShape().get(2);
    }
}
