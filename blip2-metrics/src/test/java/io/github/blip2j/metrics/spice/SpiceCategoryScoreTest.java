package io.github.blip2j.metrics.spice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpiceCategoryScoreTest {

    @Test
    void harmonicMeanOfPrecisionAndRecall() {
        SpiceCategoryScore s = SpiceCategoryScore.of(5, 0, 13, false);
        assertThat(s.precision()).isEqualTo(1.0);
        assertThat(s.recall()).isEqualTo(5.0 / 18.0);
        assertThat(s.f()).isEqualTo(0.4347826086956522); // hand10 image 1 "All", as SPICE printed it
    }

    @Test
    void noReferenceTuplesIsZeroForAllAndNaNForSubsets() {
        assertThat(SpiceCategoryScore.of(0, 3, 0, false)).isEqualTo(new SpiceCategoryScore(0, 3, 0, 0.0, 0.0, 0.0));
        SpiceCategoryScore subset = SpiceCategoryScore.of(0, 3, 0, true);
        assertThat(subset.precision()).isNaN();
        assertThat(subset.recall()).isNaN();
        assertThat(subset.f()).isNaN();
    }

    @Test
    void noCandidateTuplesHasZeroPrecision() {
        SpiceCategoryScore s = SpiceCategoryScore.of(0, 0, 4, true);
        assertThat(s.precision()).isZero();
        assertThat(s.recall()).isZero();
        assertThat(s.f()).isZero();
    }

    @Test
    void sumsAddCountsAndRescore() {
        SpiceCategoryScore sum = SpiceCategoryScore.of(1, 1, 2, true).plus(SpiceCategoryScore.of(3, 0, 0, true));
        assertThat(sum).isEqualTo(SpiceCategoryScore.of(4, 1, 2, false));
        assertThat(sum.precision()).isEqualTo(0.8);
        assertThat(sum.recall()).isEqualTo(4.0 / 6.0);
    }
}
