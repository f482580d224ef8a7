package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;

/**
 * What a decoder stack returns.
 *
 * @param hidden {@code (B, T, D)} after the final norm
 * @param keyValues self-attention keys/values of every layer, cached + new
 */
public record DecoderOutput(NDArray hidden, KeyValue[] keyValues) {}
