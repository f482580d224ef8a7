package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;

/**
 * Result of a teacher-forced forward pass.
 *
 * @param loss mean cross-entropy over labels that are not -100 (a float32 scalar), or {@code null}
 *     when no labels were given
 * @param logits T5: {@code (B, T, V)} decoder logits; OPT: the logits of the last {@code L} positions
 *     when labels of length {@code L} were given (as Hugging Face returns them), else all positions
 */
public record Blip2Output(NDArray loss, NDArray logits) {}
