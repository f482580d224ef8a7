package io.github.blip2j.core.train;

/**
 * One optimizer step, as the listeners see it and {@code train-log.jsonl} records it.
 *
 * @param step optimizer steps done so far, this one included (1-based)
 * @param totalSteps steps the run will make
 * @param epoch 0-based epoch of the step
 * @param loss mean training loss of the step's micro-batches (NaN when skipped for a non-finite loss)
 * @param learningRate the rate the step used
 * @param gradNorm global gradient norm before clipping (NaN when not computed)
 * @param seconds wall time of this step
 * @param elapsedSeconds wall time since this process started the run
 * @param examples examples in the step (all micro-batches)
 * @param skipped whether the update was skipped (non-finite loss or gradient)
 */
public record StepRecord(long step, long totalSteps, int epoch, double loss, double learningRate, double gradNorm,
                         double seconds, double elapsedSeconds, int examples, boolean skipped) {}
