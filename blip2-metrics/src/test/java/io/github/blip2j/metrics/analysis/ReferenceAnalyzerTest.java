package io.github.blip2j.metrics.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReferenceAnalyzerTest {

    private static final List<String> REFS = List.of(
            "A man in a red shirt walks his dog on the beach .",
            "A guy and his puppy at the sea shore .",
            "A man is walking a brown dog along the ocean .",
            "Person with a dog near the water .",
            "A dog and a man on the sand .");

    private final ReferenceAnalyzer analyzer = ReferenceAnalyzer.defaults();

    @Test
    void synonymsAndHypernymsAreNotHallucinations() {
        ReferenceLabels l = analyzer.analyze("a person and two puppies by the sea", REFS);
        assertThat(l.nouns()).containsExactly("person", "dog", "sea");
        assertThat(l.hallucinated()).isEmpty();
    }

    @Test
    void nounsInNoReferenceAreHallucinated() {
        ReferenceLabels l = analyzer.analyze("a woman throws a frisbee to a dog on the beach", REFS);
        // "Person" in one reference supports the more specific "woman"; nothing supports the frisbee.
        assertThat(l.hallucinated()).containsExactly("frisbee");
        ReferenceLabels strict = analyzer.analyze("a woman throws a frisbee to a dog", REFS.subList(0, 3));
        assertThat(strict.hallucinated()).containsExactly("woman", "frisbee");
        ReferenceLabels plural = analyzer.analyze("two women and their frisbees", REFS.subList(0, 3));
        assertThat(plural.hallucinatedWords()).containsExactly("women", "frisbees");
    }

    @Test
    void salientNounsMissingFromThePredictionAreOmitted() {
        ReferenceLabels l = analyzer.analyze("a man on the beach", REFS);
        // man: man, guy, man, man (4 refs); dog: 5; beach: 1; sea/ocean: 2, and with water 3, so water
        // (their hypernym) is salient; person (4 refs) is dropped as an ancestor of the salient man.
        assertThat(l.salient()).containsExactlyInAnyOrder("man", "dog", "water");
        assertThat(l.omitted()).containsExactlyInAnyOrder("dog", "water");
    }

    @Test
    void aMoreGeneralPredictionCoversASpecificSalientNoun() {
        ReferenceLabels l = analyzer.analyze("an animal and a person in the water", REFS);
        assertThat(l.omitted()).isEmpty();
        assertThat(l.hallucinated()).isEmpty();
    }

    @Test
    void ancestorsMentionedByEnoughReferencesBecomeSalient() {
        List<String> refs = List.of("a man", "a woman", "a boy", "a girl", "a lady");
        ReferenceLabels l = analyzer.analyze("a dog", refs);
        assertThat(l.salient()).containsExactly("person");
        assertThat(l.omitted()).containsExactly("person");
        assertThat(l.hallucinated()).containsExactly("dog");
    }

    @Test
    void siblingsDoNotMatch() {
        ReferenceLabels l = analyzer.analyze("a girl plays", List.of("a boy plays", "a boy runs", "a boy"));
        assertThat(l.hallucinated()).containsExactly("girl");
        assertThat(l.omitted()).containsExactly("boy");
    }

    @Test
    void countsDistinctElements() {
        assertThat(analyzer.analyze("a man and a dog on a beach", REFS).elementsGe3()).isTrue();
        assertThat(analyzer.analyze("a man and a guy and a dog", REFS).elements()).isEqualTo(2);
        assertThat(analyzer.analyze("", REFS).elementsGe3()).isFalse();
    }

    @Test
    void fewerReferencesThanTheThresholdUseAllOfThem() {
        ReferenceLabels l = analyzer.analyze("a cat", List.of("a dog on a bench"));
        assertThat(l.salient()).containsExactlyInAnyOrder("dog", "bench");
        assertThat(l.omitted()).containsExactlyInAnyOrder("dog", "bench");
    }
}
