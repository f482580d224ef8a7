package io.github.blip2j.core.train;

import java.nio.file.Path;

/**
 * Progress callbacks of {@link FineTuner#fit()}, called on the training thread (keep them fast). An
 * exception thrown by a listener stops the run like a crash: the last checkpoint stays, and
 * {@code resume(true)} continues from it.
 */
public interface TrainingListener {

    /** Before the first step (after a resume, too). */
    default void onStart(TrainingPlan plan) {
    }

    /** After every optimizer step, skipped ones included. */
    default void onStep(StepRecord step) {
    }

    /** After each validation pass. */
    default void onValidation(ValidationResult result) {
    }

    /** After a checkpoint was committed. */
    default void onCheckpoint(long step, Path dir) {
    }

    /** After the run finished and the model was exported. */
    default void onFinish(TrainingResult result) {
    }
}
