package io.github.blip2j.metrics.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LemmatizerTest {

    private final Lemmatizer withLexicon = Lemmatizer.english(NounLexicon.defaults()::contains);

    @ParameterizedTest
    @CsvSource({
            "dogs,dog", "men,man", "women,woman", "children,child", "people,person", "feet,foot",
            "puppies,puppy", "shoes,shoe", "buses,bus", "dresses,dress", "benches,bench", "boxes,box",
            "leaves,leaf", "knives,knife", "wolves,wolve", "toys,toy", "horses,horse", "sheep,sheep",
            "glasses,glasses", "jeans,jeans", "grass,grass", "firemen,fireman", "t-shirts,t-shirt",
            "Circles,circle", "stairs,stair", "policemen,policeman"})
    void singularisesWithTheLexicon(String plural, String singular) {
        assertThat(withLexicon.lemma(plural)).isEqualTo(singular);
    }

    @ParameterizedTest
    @CsvSource({"cities,city", "churches,church", "cats,cat", "bus,bus", "glass,glass", "boxes,box", "is,is", "octopus,octopus"})
    void defaultRulesWithoutLexicon(String word, String lemma) {
        assertThat(Lemmatizer.english().lemma(word)).isEqualTo(lemma);
    }

    @Test
    void lexiconDecidesBetweenCandidateRules() {
        Lemmatizer l = Lemmatizer.english(w -> w.equals("shoe"));
        assertThat(l.lemma("shoes")).isEqualTo("shoe");
        Lemmatizer other = Lemmatizer.english(w -> w.equals("potato"));
        assertThat(other.lemma("potatoes")).isEqualTo("potato");
    }
}
