package io.github.blip2j.core.train;

import java.nio.file.Path;

/**
 * What {@link FineTuner#fit()} did.
 *
 * @param steps optimizer steps done (over the whole run, resumed parts included)
 * @param epochsCompleted epochs finished
 * @param skippedSteps steps whose update was skipped for a non-finite loss or gradient
 * @param resumedFromStep the checkpoint step this process started from (0 for a fresh run)
 * @param stoppedEarly whether early stopping ended the run
 * @param finalValidation the last validation pass, or {@code null} without validation
 * @param bestValidation the best validation pass, or {@code null}
 * @param bestCheckpoint the best checkpoint's folder, or {@code null}
 * @param lastCheckpoint the last checkpoint's folder, or {@code null} when none was written
 * @param exportedModel the Hugging Face-layout model folder, or {@code null} when export is off
 * @param runDir the run folder
 * @param trainLog {@code train-log.jsonl}
 */
public record TrainingResult(long steps, int epochsCompleted, long skippedSteps, long resumedFromStep,
                             boolean stoppedEarly, ValidationResult finalValidation, ValidationResult bestValidation,
                             Path bestCheckpoint, Path lastCheckpoint, Path exportedModel, Path runDir, Path trainLog) {}
