package io.github.blip2j.metrics.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LexiconAndSynonymsTest {

    @Test
    void defaultLexiconHasHundredsOfNouns() {
        assertThat(NounLexicon.defaults().nouns()).hasSizeGreaterThan(400)
                .contains("man", "dog", "bicycle", "beach", "shirt", "circle")
                .doesNotContain("orange", "light", "top", "front", "swing", "object");
    }

    @Test
    void everyWordOfTheRelationTableIsALexiconNoun() {
        List<String> lines = ResourceText.lines("noun-relations.txt");
        for (String line : lines) {
            if (line.startsWith("[")) {
                continue;
            }
            for (String w : line.replace(":", " ").trim().split("\\s+")) {
                assertThat(NounLexicon.defaults().contains(w)).as("relation word '%s' in lexicon", w).isTrue();
            }
        }
    }

    @Test
    void synonymsShareAConceptAndHypernymsAreTransitive() {
        SynonymTable t = SynonymTable.defaults();
        assertThat(t.concept("guy")).isEqualTo("man");
        assertThat(t.concept("puppy")).isEqualTo("dog");
        assertThat(t.related("guy", "man")).isTrue();
        assertThat(t.related("person", "guy")).isTrue();
        assertThat(t.related("boy", "person")).isTrue();
        assertThat(t.isAncestor("animal", "puppy")).isTrue();
        assertThat(t.isAncestor("animal", "duck")).isTrue();
        assertThat(t.related("boy", "girl")).isFalse();
        assertThat(t.related("dog", "cat")).isFalse();
        assertThat(t.ancestors("boy")).contains("child", "person");
    }

    @Test
    void tablesAreExtensible() {
        SynonymTable t = SynonymTable.defaults().toBuilder().synonyms("frisbee", "disc").hypernym("frisbee", "toy").build();
        assertThat(t.related("disc", "toy")).isTrue();
        assertThat(SynonymTable.defaults().related("disc", "toy")).isFalse();
        NounLexicon lex = NounLexicon.defaults().with(List.of("Disc"));
        assertThat(lex.contains("disc")).isTrue();
        assertThat(lex.nounLemma("discs")).isEqualTo("disc");
        assertThat(NounLexicon.defaults().contains("disc")).isFalse();
    }

    @Test
    void builderRejectsConflictsAndBlanks() {
        assertThatThrownBy(() -> SynonymTable.builder().synonyms("dog", "pup").synonyms("wolf", "pup"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'pup'").hasMessageContaining("'dog'");
        assertThatThrownBy(() -> SynonymTable.builder().hypernym("dog", "dog"))
                .hasMessageContaining("own hypernym");
        assertThatThrownBy(() -> NounLexicon.of(List.of("hot dog"))).hasMessageContaining("hot dog");
    }

    @Test
    void extractorFindsNounsWithLemmaAndConcept() {
        List<Noun> nouns = NounExtractor.defaults().nouns("Two puppies play with a man's ball on the grass-covered hill.");
        assertThat(nouns).extracting(Noun::concept).containsExactly("dog", "man", "ball", "grass", "hill");
        assertThat(nouns.get(0)).isEqualTo(new Noun("puppies", "puppy", "dog"));
    }
}
