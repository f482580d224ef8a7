package io.github.blip2j.metrics.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectAnalyzerTest {

    private final ObjectMentionParser parser = new ObjectMentionParser(ObjectVocabulary.demo());
    private final ObjectAnalyzer analyzer = ObjectAnalyzer.demo();

    @Test
    void parsesColourSizeAndCountOfEachShape() {
        assertThat(parser.parse("A large red circle above a small blue square."))
                .containsExactly(new ObjectMention("red", "circle", "large", "large red circle"),
                        new ObjectMention("blue", "square", "small", "small blue square"));
        assertThat(parser.parse("two green triangles and a star"))
                .extracting(ObjectMention::label).containsExactly("green triangle", "green triangle", "star");
        assertThat(parser.parse("a big violet diamond")).extracting(ObjectMention::label).containsExactly("large purple diamond");
        assertThat(parser.parse("two shapes: a red one and a blue one")).isEmpty();
    }

    @Test
    void perfectCaptionRecallsEverythingAndHallucinatesNothing() {
        List<GroundTruthObject> truth = List.of(GroundTruthObject.of("red", "circle", "large"),
                GroundTruthObject.of("blue", "square", "small"));
        ObjectLabels l = analyzer.analyze("there is a large red circle above a small blue square", truth);
        assertThat(l.recall()).isEqualTo(1.0);
        assertThat(l.hallucinationRate()).isEqualTo(0.0);
        assertThat(l.omitted()).isEmpty();
        assertThat(l.attributeErrors()).isEmpty();
    }

    @Test
    void labelsHallucinationOmissionAndAttributeErrors() {
        List<GroundTruthObject> truth = List.of(GroundTruthObject.of("red", "circle", "large"),
                GroundTruthObject.of("blue", "square", "small"), GroundTruthObject.of("green", "star", "small"),
                GroundTruthObject.of("white", "triangle", "large"));
        ObjectLabels l = analyzer.analyze("a small red circle, a yellow square and an orange heart", truth);
        assertThat(l.correct()).extracting(ObjectMention::label).containsExactly("small red circle");
        assertThat(l.attributeErrors()).extracting(AttributeError::kind)
                .containsExactlyInAnyOrder(AttributeError.Kind.SIZE, AttributeError.Kind.COLOUR);
        assertThat(l.attributeErrors()).extracting(AttributeError::describe)
                .contains("size: said small circle, is large circle", "colour: said yellow square, is blue square");
        assertThat(l.hallucinated()).extracting(ObjectMention::label).containsExactly("orange heart");
        assertThat(l.recalled()).extracting(GroundTruthObject::label).containsExactly("large red circle");
        assertThat(l.omitted()).extracting(GroundTruthObject::label)
                .containsExactly("small blue square", "small green star", "large white triangle");
        assertThat(l.recall()).isEqualTo(0.25);
        assertThat(l.falseMentions()).isEqualTo(2);
        assertThat(l.hallucinationRate()).isEqualTo(2.0 / 3.0);
    }

    @Test
    void moreMentionsThanObjectsAreHallucinatedColourlessOnesAreVague() {
        List<GroundTruthObject> truth = List.of(GroundTruthObject.of("red", "circle"));
        ObjectLabels l = analyzer.analyze("two red circles and a square", truth);
        assertThat(l.correct()).hasSize(1);
        assertThat(l.hallucinated()).extracting(ObjectMention::label).containsExactly("red circle", "square");
        ObjectLabels vague = analyzer.analyze("a circle", truth);
        assertThat(vague.vague()).hasSize(1);
        assertThat(vague.hallucinationRate()).isEqualTo(0.0);
        assertThat(vague.recall()).isEqualTo(0.0);
    }

    @Test
    void exactMatchesAreNotStarvedByEarlierColourErrors() {
        List<GroundTruthObject> truth = List.of(GroundTruthObject.of("red", "circle"), GroundTruthObject.of("blue", "circle"));
        ObjectLabels l = analyzer.analyze("a green circle and a red circle", truth);
        assertThat(l.recalled()).extracting(GroundTruthObject::label).containsExactly("red circle");
        assertThat(l.attributeErrors()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(AttributeError.Kind.COLOUR);
            assertThat(e.actual().colour()).isEqualTo("blue");
        });
    }

    @Test
    void emptyCaptionOmitsAllObjects() {
        ObjectLabels l = analyzer.analyze("", List.of(GroundTruthObject.of("red", "circle")));
        assertThat(l.mentions()).isEmpty();
        assertThat(l.omitted()).hasSize(1);
        assertThat(l.hallucinationRate()).isEqualTo(0.0);
    }
}
