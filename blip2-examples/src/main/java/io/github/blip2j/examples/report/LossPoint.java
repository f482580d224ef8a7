package io.github.blip2j.examples.report;

/**
 * One point of the training curve.
 *
 * @param step       optimizer step (1-based)
 * @param loss       training loss of the step, or validation loss
 * @param validation whether this is a validation pass rather than a training step
 */
public record LossPoint(long step, double loss, boolean validation) {
}
