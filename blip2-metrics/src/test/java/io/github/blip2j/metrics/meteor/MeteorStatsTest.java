package io.github.blip2j.metrics.meteor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class MeteorStatsTest {

    private static final Meteor METEOR = Meteor.builder().parallelism(1).build();

    @Test
    void statisticsLineRoundTripsThroughMeteorsFormat() {
        MeteorTestData.FixtureSet set = MeteorTestData.fixture("hand10");
        for (MeteorTestData.Image image : set.images()) {
            MeteorStats s = image.expectedStats();
            assertThat(MeteorStats.parse(s.toString())).isEqualTo(s);
            assertThat(s.testTotalMatches()).isEqualTo(s.testWordMatches());
            assertThat(s.referenceTotalMatches()).isEqualTo(s.referenceWordMatches());
        }
    }

    @Test
    void aPerfectMatchIsScoredWithoutPenaltyAndItsChunkIsNotSummed() {
        MeteorStats perfect = METEOR.stats("a man riding a horse", List.of("a man riding a horse"));
        MeteorStats other = METEOR.stats("a horse riding a man", List.of("a man riding a horse"));
        assertThat(perfect.isPerfectMatch()).isTrue();
        assertThat(perfect.chunks()).isEqualTo(1.0);
        assertThat(METEOR.score(perfect)).isEqualTo(1.0);
        assertThat(other.isPerfectMatch()).isFalse();
        assertThat(MeteorStats.sum(List.of(perfect, other)).chunks()).isEqualTo(other.chunks());
        assertThat(perfect.plus(other)).isEqualTo(MeteorStats.sum(List.of(perfect, other)));
    }

    @Test
    void emptyCaptionsScoreZero() {
        assertThat(METEOR.score(METEOR.stats("", List.of("")))).isZero();
        assertThat(METEOR.score(METEOR.stats("", List.of("a dog")))).isZero();
        assertThat(METEOR.score(METEOR.stats("a dog", List.of("")))).isZero();
        assertThat(METEOR.score(MeteorStats.ZERO)).isZero();
    }

    @Property(tries = 200)
    void summingIsOrderFreeAndGroupable(@ForAll("statsLists") List<MeteorStats> stats) {
        MeteorStats folded = MeteorStats.ZERO;
        for (MeteorStats s : stats) {
            folded = folded.plus(s);
        }
        List<MeteorStats> reversed = new ArrayList<>(stats);
        java.util.Collections.reverse(reversed);
        assertThat(MeteorStats.sum(stats)).isEqualTo(folded).isEqualTo(MeteorStats.sum(reversed));
        int half = stats.size() / 2;
        assertThat(MeteorStats.sum(stats.subList(0, half)).plus(MeteorStats.sum(stats.subList(half, stats.size()))))
                .isEqualTo(folded);
        double score = METEOR.score(folded);
        assertThat(score).isBetween(0.0, 1.0);
    }

    @Provide
    Arbitrary<List<MeteorStats>> statsLists() {
        List<MeteorStats> pool = MeteorTestData.fixture("hand10").images().stream()
                .map(MeteorTestData.Image::expectedStats).toList();
        return Arbitraries.of(pool).list().ofMaxSize(12);
    }

    @Test
    void rejectsMalformedStatistics() {
        assertThatThrownBy(() -> MeteorStats.parse("1.0 2.0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("23").hasMessageContaining("got 2");
        assertThatThrownBy(() -> MeteorStats.parse("x " + "0 ".repeat(22)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("field 0").hasMessageContaining("'x'");
        double[] negative = new double[MeteorStats.SIZE];
        negative[4] = -1;
        assertThatThrownBy(() -> MeteorStats.of(negative))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("value 4").hasMessageContaining("-1.0");
        assertThatThrownBy(() -> MeteorStats.ZERO.testContentMatches(4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("module").hasMessageContaining("got 4");
    }
}
