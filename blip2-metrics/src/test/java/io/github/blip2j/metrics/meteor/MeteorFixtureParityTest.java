package io.github.blip2j.metrics.meteor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.blip2j.metrics.meteor.MeteorTestData.FixtureSet;
import io.github.blip2j.metrics.meteor.MeteorTestData.Image;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parity with the metrics fixtures' {@code METEOR_noparaphrase} (Meteor 1.5, empty paraphrase
 * table, pycocoevalcap's wrapper): every image's statistics line, every image's score and the
 * corpus score.
 */
class MeteorFixtureParityTest {

    /** The issue asks for 1e-4; the port is exact, so anything above rounding noise is a bug. */
    private static final double TOLERANCE = 1e-9;

    private static Meteor meteor;
    private static final Map<String, MeteorResult> RESULTS = new HashMap<>();

    @BeforeAll
    static void build() {
        meteor = Meteor.builder().build();
    }

    private static MeteorResult evaluate(String set, FixtureSet fixture) {
        return RESULTS.computeIfAbsent(set, k -> meteor.evaluate(fixture.hypotheses(), fixture.references()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hand10", "coco500"})
    void everyImageHasMeteorsStatistics(String set) {
        FixtureSet fixture = MeteorTestData.fixture(set);
        MeteorResult result = evaluate(set, fixture);
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < fixture.images().size(); i++) {
            Image image = fixture.images().get(i);
            if (!result.imageStats().get(i).equals(image.expectedStats())) {
                mismatches.add(image.id() + ": expected " + image.expectedStats() + " got " + result.imageStats().get(i));
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hand10", "coco500"})
    void everyImageScoreAndTheCorpusScoreMatch(String set) {
        FixtureSet fixture = MeteorTestData.fixture(set);
        MeteorResult result = evaluate(set, fixture);
        assertThat(result.size()).isEqualTo(fixture.images().size());
        for (int i = 0; i < fixture.images().size(); i++) {
            Image image = fixture.images().get(i);
            assertThat(result.imageScore(i)).as("image %s", image.id()).isCloseTo(image.expectedScore(), within(TOLERANCE));
        }
        assertThat(result.corpusScore()).isCloseTo(fixture.corpusScore(), within(TOLERANCE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hand10", "coco500"})
    void scoringMeteorsStatisticsLinesGivesTheFixtureScores(String set) {
        FixtureSet fixture = MeteorTestData.fixture(set);
        List<MeteorStats> lines = new ArrayList<>();
        for (Image image : fixture.images()) {
            assertThat(meteor.score(image.expectedStats())).as("image %s", image.id())
                    .isCloseTo(image.expectedScore(), within(TOLERANCE));
            lines.add(image.expectedStats());
        }
        assertThat(meteor.score(MeteorStats.sum(lines))).isCloseTo(fixture.corpusScore(), within(TOLERANCE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hand10", "coco500"})
    void corpusScoreIsNotTheMeanOfImageScores(String set) {
        FixtureSet fixture = MeteorTestData.fixture(set);
        MeteorResult result = evaluate(set, fixture);
        double mean = java.util.Arrays.stream(result.imageScores()).average().orElseThrow();
        assertThat(Math.abs(mean - result.corpusScore())).isGreaterThan(1e-3);
        assertThat(result.corpusScore()).isEqualTo(meteor.score(result.totalStats()));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 8})
    void resultsDoNotDependOnTheNumberOfThreads(int threads) {
        FixtureSet fixture = MeteorTestData.fixture("coco500");
        MeteorResult sequential = Meteor.builder().parallelism(1).build().evaluate(fixture.hypotheses(), fixture.references());
        assertThat(sequential.imageStats()).isEqualTo(evaluate("coco500", fixture).imageStats());
        MeteorResult parallel = Meteor.builder().parallelism(threads).build().evaluate(fixture.hypotheses(), fixture.references());
        assertThat(parallel.imageStats()).isEqualTo(sequential.imageStats());
        assertThat(parallel.imageScores()).isEqualTo(sequential.imageScores());
        assertThat(parallel.corpusScore()).isEqualTo(sequential.corpusScore());
    }
}
