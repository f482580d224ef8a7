package io.github.blip2j.core.train;

import java.nio.file.Path;

/**
 * What a run is about to do, sent to listeners before the first step.
 *
 * @param totalSteps optimizer steps of the whole run (the schedule's length)
 * @param stepsPerEpoch optimizer steps per epoch
 * @param epochs epochs the run spans
 * @param startStep steps already done (non-zero when resuming)
 * @param trainExamples (image, caption) pairs per epoch
 * @param validationImages images of the validation split (0 without validation)
 * @param batchSize examples per micro-batch
 * @param gradientAccumulation micro-batches per optimizer step
 * @param trainableValues number of trained values (adapters included)
 * @param runDir the run folder
 */
public record TrainingPlan(long totalSteps, long stepsPerEpoch, int epochs, long startStep, int trainExamples,
                           int validationImages, int batchSize, int gradientAccumulation, long trainableValues,
                           Path runDir) {}
