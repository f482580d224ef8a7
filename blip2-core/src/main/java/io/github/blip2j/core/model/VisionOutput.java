package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;

/**
 * What the vision tower returns.
 *
 * @param lastHiddenState {@code (B, 1 + patches, D)} after {@code post_layernorm}; the Q-Former
 *     attends to it
 * @param poolerOutput {@code (B, D)}: {@code post_layernorm} applied again to token 0 (unused by
 *     captioning, kept for parity with Hugging Face)
 */
public record VisionOutput(NDArray lastHiddenState, NDArray poolerOutput) {}
