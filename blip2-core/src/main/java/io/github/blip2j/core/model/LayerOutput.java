package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;

/**
 * What a self-attending layer returns.
 *
 * @param output {@code (B, T, D)}
 * @param keyValues the layer's self-attention keys/values so far (cached + new), for the KV cache
 */
public record LayerOutput(NDArray output, KeyValue keyValues) {}
