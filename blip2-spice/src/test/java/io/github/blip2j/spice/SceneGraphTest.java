package io.github.blip2j.spice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SceneGraphTest {

    private final WordNetSynsets wordNet = WordNetSynsets.shared();

    private SceneGraph graph(Proposition... props) {
        SceneGraph g = new SceneGraph(wordNet);
        for (Proposition p : props) {
            g.add(p);
        }
        return g;
    }

    private static List<String> printed(SceneGraph g) {
        return SceneTuple.of(g).stream().map(SceneTuple::toString).toList();
    }

    @Test
    void repeatedObjectsAttributesAndRelationsAreStoredOnce() {
        SceneGraph g = graph(Proposition.object("dog"), Proposition.attribute("dog", "brown"),
            Proposition.attribute("dog", "brown"), Proposition.relation("dog", "ball", "chase"),
            Proposition.relation("dog", "ball", "chase"), Proposition.object("dog"));
        assertThat(printed(g)).containsExactly("(dog)", "(dog, brown)", "(ball)", "(dog, chase, ball)");
    }

    @Test
    void synonymousObjectsMergeIntoOneNode() {
        // "grey" and "gray" share synsets, so the second attribute joins the first.
        SceneGraph g = graph(Proposition.attribute("horse", "grey"), Proposition.attribute("horse", "gray"),
            Proposition.object("mouse"), Proposition.object("mice"));
        assertThat(printed(g)).containsExactly("(horse)", "(horse, grey/gray)", "(mouse/mice)");
    }

    @Test
    void copulaIsStrippedFromRelations() {
        SceneGraph g = graph(Proposition.relation("cat", "table", "be on"));
        assertThat(printed(g)).containsExactly("(cat)", "(table)", "(cat, on, table)");
    }

    @Test
    void similarRelationsBetweenTheSameNodesMerge() {
        SceneGraph g = graph(Proposition.relation("man", "horse", "ride"), Proposition.relation("man", "horse", "feed"),
            Proposition.relation("man", "horse", "sit"));
        // "sit" shares a WordNet sense with "ride" (to sit a horse); "feed" does not.
        assertThat(printed(g)).containsExactly("(man)", "(horse)", "(man, ride/sit, horse)", "(man, feed, horse)");
    }
}
