package io.github.blip2j.examples.report;

import java.util.Set;

/** Whether a higher value of a score is an improvement, for colouring before/after changes. */
final class ScoreDirection {

    private static final Set<String> LOWER_IS_BETTER = Set.of("hallucination_rate", "object_hallucination_rate",
            "omission_rate", "repetition_rate");

    private ScoreDirection() {
    }

    /** Error rates and Self-BLEU (similarity between a system's own captions) are better lower. */
    static boolean higherIsBetter(String score) {
        return !(LOWER_IS_BETTER.contains(score) || score.startsWith("SelfBLEU"));
    }
}
