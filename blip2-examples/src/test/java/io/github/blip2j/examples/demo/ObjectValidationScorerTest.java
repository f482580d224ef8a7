package io.github.blip2j.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.blip2j.metrics.analysis.GroundTruthObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectValidationScorerTest {

    private final ObjectValidationScorer scorer = new ObjectValidationScorer(Map.of(
            "a.png", List.of(GroundTruthObject.of("red", "circle", "small")),
            "b.png", List.of(GroundTruthObject.of("blue", "square", "large"), GroundTruthObject.of("green", "star")),
            "unused.png", List.of(GroundTruthObject.of("white", "triangle"))));

    @Test
    void monitorsRecallMinusHallucinationOverTheScoredImages() {
        Map<String, Double> s = scorer.score(
                Map.of("a.png", "a small red circle", "b.png", "a blue square and a yellow star"),
                Map.of("a.png", List.of("a red circle"), "b.png", List.of("a blue square and a green star")));
        // 2 of 3 objects named; 1 of 3 mentions wrong (a yellow star where the star is green)
        assertThat(s.get("object_recall")).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(s.get("object_hallucination_rate")).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(s.get(ObjectValidationScorer.MONITOR)).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void perfectCaptionsScoreOne() {
        Map<String, Double> s = scorer.score(Map.of("a.png", "there is a red circle in the middle"),
                Map.of("a.png", List.of("a red circle")));
        assertThat(s.get(ObjectValidationScorer.MONITOR)).isEqualTo(1.0);
    }
}
