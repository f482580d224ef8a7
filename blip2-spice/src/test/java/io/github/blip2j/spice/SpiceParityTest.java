package io.github.blip2j.spice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.blip2j.metrics.spice.SpiceCategory;
import io.github.blip2j.metrics.spice.SpiceCategoryScore;
import io.github.blip2j.metrics.spice.SpiceImageScore;
import java.util.EnumMap;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Parity with SPICE 1.0 run by pycocoevalcap (fixtures from ../shared/fixtures/metrics): every
 * image's counts in every category, its All F-score and the corpus score.
 */
class SpiceParityTest {

    /* The provider's JVM-wide scorer: its parse cache spares re-parsing captions shared by the checks
       here and in CaptionMetricsSpiceParityTest, which scores the same images. */
    private static final Spice SPICE = CoreNlpSpiceProvider.scorer(2, null);

    @Test
    void hand10MatchesEveryImageAndTheCorpus() {
        SpiceFixture fx = SpiceFixture.load("hand10");
        SpiceResult result = SPICE.score(fx.references(), fx.candidates());
        assertMatches(fx, result);
        assertThat(result.corpusScore()).isCloseTo(fx.corpusSpice(), within(1e-3));
        assertThat(result.corpusScore()).isCloseTo(0.22418451697904715, within(1e-12));
        assertThat(edu.stanford.nlp.parser.lexparser.SparseInsidePCFGParser.sparsePasses())
            .as("parsed with the sparse inside pass").isPositive();
    }

    /**
     * A spread-out subset of coco500 without its longest captions (the PCFG parser's time grows
     * with the cube of the length); the full set agrees too (blip2-spice/README.md).
     */
    @Test
    void coco500SubsetMatchesEveryImage() {
        SpiceFixture fx = SpiceFixture.coco500ShortSubset();
        assertThat(fx.images()).hasSizeGreaterThan(45);
        assertMatches(fx, SPICE.score(fx.references(), fx.candidates()));
    }

    private static void assertMatches(SpiceFixture fx, SpiceResult result) {
        Map<SpiceCategory, Integer> agreeing = new EnumMap<>(SpiceCategory.class);
        SoftAssertions soft = new SoftAssertions();
        for (SpiceFixture.Image img : fx.images()) {
            SpiceImageScore ours = result.perImage().get(img.id());
            soft.assertThat(ours.spice()).as("image %s All.f", img.id()).isCloseTo(img.spice(), within(1e-3));
            for (SpiceCategory c : SpiceCategory.values()) {
                SpiceCategoryScore s = ours.get(c);
                int[] got = {s.truePositives(), s.falsePositives(), s.falseNegatives()};
                int[] want = {(int) img.expected(c, "tp"), (int) img.expected(c, "fp"), (int) img.expected(c, "fn")};
                soft.assertThat(got).as("image %s %s tp/fp/fn", img.id(), c.jsonName()).containsExactly(want);
                assertSameScore(soft, img, c, "pr", s.precision());
                assertSameScore(soft, img, c, "re", s.recall());
                assertSameScore(soft, img, c, "f", s.f());
                if (java.util.Arrays.equals(got, want)) {
                    agreeing.merge(c, 1, Integer::sum);
                }
            }
        }
        soft.assertAll();
        assertThat(agreeing).allSatisfy((c, n) -> assertThat(n).isEqualTo(fx.images().size()));
    }

    private static void assertSameScore(SoftAssertions soft, SpiceFixture.Image img, SpiceCategory c, String field,
                                        double ours) {
        double want = img.expected(c, field);
        if (Double.isNaN(want)) {
            soft.assertThat(ours).as("image %s %s.%s", img.id(), c.jsonName(), field).isNaN();
        } else {
            soft.assertThat(ours).as("image %s %s.%s", img.id(), c.jsonName(), field).isCloseTo(want, within(1e-12));
        }
    }
}
