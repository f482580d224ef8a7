package io.github.blip2j.spice;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blip2j.metrics.spice.SpiceCategory;
import io.github.blip2j.metrics.spice.SpiceCategoryScore;
import io.github.blip2j.metrics.spice.SpiceImageScore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPICE's tuple matching, without the parser. */
class SpiceEvaluateTest {

    private final WordNetSynsets wordNet = WordNetSynsets.shared();

    private List<SceneTuple> tuples(Proposition... props) {
        SceneGraph g = new SceneGraph(wordNet);
        for (Proposition p : props) {
            g.add(p);
        }
        return SceneTuple.of(g);
    }

    @Test
    void synonymsMatchAndCategoriesAreCountedSeparately() {
        List<SceneTuple> cand = tuples(Proposition.attribute("hound", "white"), Proposition.relation("hound", "sofa", "on"));
        List<SceneTuple> ref = tuples(Proposition.attribute("dog", "white"), Proposition.relation("dog", "couch", "on"),
            Proposition.attribute("dog", "two"));
        SpiceImageScore s = Spice.evaluate(cand, ref);
        // hound ~ dog share a synset; sofa ~ couch too.
        assertThat(s.get(SpiceCategory.OBJECT)).isEqualTo(SpiceCategoryScore.of(2, 0, 0, true));
        assertThat(s.get(SpiceCategory.ATTRIBUTE)).isEqualTo(SpiceCategoryScore.of(1, 0, 1, true));
        assertThat(s.get(SpiceCategory.RELATION)).isEqualTo(SpiceCategoryScore.of(1, 0, 0, true));
        assertThat(s.get(SpiceCategory.COLOR)).isEqualTo(SpiceCategoryScore.of(1, 0, 0, true));
        assertThat(s.get(SpiceCategory.CARDINALITY)).isEqualTo(SpiceCategoryScore.of(0, 0, 1, true));
        assertThat(s.get(SpiceCategory.SIZE).f()).isNaN();
        assertThat(s.get(SpiceCategory.ALL)).isEqualTo(SpiceCategoryScore.of(4, 0, 1, false));
    }

    @Test
    void severalCandidateTuplesMayMatchOneReferenceTuple() {
        // "frank" (frankfurter) and "cad" share no synset, so they stay two candidate nodes, but
        // "dog" has a sense in common with each: two hits on one reference tuple, fn = 1 - 2.
        List<SceneTuple> cand = tuples(Proposition.object("frank"), Proposition.object("cad"));
        List<SceneTuple> ref = tuples(Proposition.object("dog"));
        SpiceImageScore s = Spice.evaluate(cand, ref);
        assertThat(s.get(SpiceCategory.ALL)).isEqualTo(SpiceCategoryScore.of(2, 0, -1, false));
        // recall = tp / (tp + fn) = 2, precision 1: SPICE's formula then gives F = 4/3.
        assertThat(s.spice()).isEqualTo(4.0 / 3.0);
    }

    @Test
    void emptyCandidateScoresZero() {
        SpiceImageScore s = Spice.evaluate(List.of(), tuples(Proposition.object("dog")));
        assertThat(s.spice()).isZero();
        assertThat(s.get(SpiceCategory.OBJECT)).isEqualTo(SpiceCategoryScore.of(0, 0, 1, true));
    }
}
