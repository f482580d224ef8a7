package io.github.blip2j.spice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Expected ids are METEOR 1.5's english.synsets entries (WordNet 3.0 offsets over all parts of speech). */
class WordNetSynsetsTest {

    private final WordNetSynsets wordNet = WordNetSynsets.shared();

    @Test
    void lemmaHasItsSynsetsOverAllPartsOfSpeech() {
        assertThat(wordNet.synsetsOf("dog")).containsExactly(
            2001858, 2084071, 2710044, 3901548, 7676602, 9886220, 10023039, 10114209);
        assertThat(wordNet.synsetsOf("person")).containsExactly(7846, 5217688, 6326797);
    }

    @Test
    void regularInflectionFindsTheBaseForm() {
        assertThat(wordNet.synsetsOf("dogs")).containsExactly(wordNet.synsetsOf("dog"));
    }

    @Test
    void exceptionListGivesIrregularBases() {
        assertThat(wordNet.synsetsOf("mice")).containsExactly(wordNet.synsetsOf("mouse"));
    }

    @Test
    void phrasesUseUnderscoresAndIgnoreCaseAndOuterSpace() {
        assertThat(wordNet.synsetsOf(" Living Room ")).containsExactly(3679712);
    }

    @Test
    void unknownWordsHaveNoSynsets() {
        assertThat(wordNet.synsetsOf("stand beside")).isEmpty();
        assertThat(wordNet.synsetsOf("qwertyuiop")).isEmpty();
        assertThat(wordNet.synsetsOf("")).isEmpty();
    }

    @Test
    void spellingVariantsShareSynsets() {
        int[] grey = wordNet.synsetsOf("grey");
        int[] gray = wordNet.synsetsOf("gray");
        assertThat(new Concept("grey", grey).similarTo(new Concept("gray", gray))).isTrue();
        assertThat(new Concept("grey", grey).similarTo(new Concept("dog", wordNet.synsetsOf("dog")))).isFalse();
    }
}
