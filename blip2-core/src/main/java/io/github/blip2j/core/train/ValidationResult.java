package io.github.blip2j.core.train;

import java.util.Map;

/**
 * One validation pass.
 *
 * @param epoch 0-based epoch it ended
 * @param step optimizer steps done when it ran
 * @param loss token-weighted mean loss over every (image, caption) pair of the validation split
 * @param metrics the {@link ValidationScorer}'s scores of the generated captions (empty without one),
 *     plus {@code loss}
 * @param monitored the value of the metric that picks the best checkpoint
 * @param improved whether this is the best value so far
 * @param seconds wall time of the pass
 */
public record ValidationResult(int epoch, long step, double loss, Map<String, Double> metrics, double monitored,
                               boolean improved, double seconds) {

    /** Copies the metrics. */
    public ValidationResult {
        metrics = Map.copyOf(metrics);
    }
}
