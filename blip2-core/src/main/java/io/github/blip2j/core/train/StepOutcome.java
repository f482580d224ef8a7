package io.github.blip2j.core.train;

/**
 * What one optimizer step did.
 *
 * @param loss mean of the micro-batch losses (NaN or infinite when one was)
 * @param gradNorm global L2 norm of the gradients before clipping (NaN when not computed)
 * @param clipCoefficient factor the gradients were scaled by (1 when not clipped)
 * @param microBatches micro-batches accumulated into the step
 * @param skipped whether the update was skipped because the loss or a gradient was not finite;
 *     the weights and the optimizer state are then unchanged
 */
public record StepOutcome(double loss, double gradNorm, double clipCoefficient, int microBatches, boolean skipped) {}
