package io.github.blip2j.metrics.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ObjectAnalyzerPropertiesTest {

    private static final List<String> COLOURS = List.of("red", "green", "blue", "yellow", "purple", "orange", "white", "black");
    private static final List<String> SHAPES = List.of("circle", "square", "triangle", "star");

    @Provide
    Arbitrary<List<GroundTruthObject>> scenes() {
        Arbitrary<GroundTruthObject> one = Combinators.combine(Arbitraries.of(COLOURS), Arbitraries.of(SHAPES),
                Arbitraries.of("small", "large")).as(GroundTruthObject::of);
        return one.list().ofMinSize(1).ofMaxSize(4).uniqueElements(o -> o.colour() + o.shape());
    }

    @Property(tries = 200)
    void describingEveryObjectGivesFullRecallAndNoHallucination(@ForAll("scenes") List<GroundTruthObject> scene) {
        List<String> parts = new ArrayList<>();
        for (GroundTruthObject o : scene) {
            parts.add((o.colour().equals("orange") ? "an " : "a ") + o.size() + " " + o.colour() + " " + o.shape());
        }
        ObjectLabels l = ObjectAnalyzer.demo().analyze(String.join(" and ", parts), scene);
        assertThat(l.recall()).isEqualTo(1.0);
        assertThat(l.hallucinationRate()).isEqualTo(0.0);
        assertThat(l.attributeErrors()).isEmpty();
    }

    @Property(tries = 200)
    void everyMentionAndObjectLandsInExactlyOneCategory(@ForAll("scenes") List<GroundTruthObject> scene,
                                                         @ForAll("scenes") List<GroundTruthObject> said) {
        List<String> parts = new ArrayList<>();
        for (GroundTruthObject o : said) {
            parts.add("a " + o.colour() + " " + o.shape());
        }
        ObjectLabels l = ObjectAnalyzer.demo().analyze(String.join(", ", parts), scene);
        int colourErrors = l.colourErrors();
        assertThat(l.correct().size() + l.vague().size() + l.hallucinated().size() + colourErrors)
                .isEqualTo(l.mentions().size());
        assertThat(l.recalled().size() + l.omitted().size()).isEqualTo(scene.size());
        Set<String> truth = new LinkedHashSet<>();
        scene.forEach(o -> truth.add(o.colour() + " " + o.shape()));
        long expectedRecalled = said.stream().filter(o -> truth.contains(o.colour() + " " + o.shape())).count();
        assertThat(l.recalled()).hasSize((int) expectedRecalled);
    }
}
