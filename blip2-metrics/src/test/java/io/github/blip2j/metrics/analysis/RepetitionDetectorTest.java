package io.github.blip2j.metrics.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RepetitionDetectorTest {

    private final RepetitionDetector d = new RepetitionDetector();

    @Test
    void adjacentRepeatsOfAnyLengthAreFound() {
        assertThat(d.repeatedNgrams("a dog runs in the grass in the grass")).containsExactly("in the grass");
        assertThat(d.repeatedNgrams("a a a a")).containsExactly("a a");
        assertThat(d.repeatedNgrams("the the dog")).containsExactly("the");
    }

    @Test
    void longNonAdjacentRepeatsAreFoundShortOnesAreNormal() {
        assertThat(d.repeatedNgrams("a man in a red shirt and a woman in a red dress")).isEmpty();
        assertThat(d.repeatedNgrams("a man in a red shirt is next to a man in a red shirt"))
                .containsExactly("a man in a red shirt");
        assertThat(new RepetitionDetector(3).repeatedNgrams("a man in a red shirt and a woman in a red dress"))
                .containsExactly("in a red");
    }

    @Test
    void emptyAndShortCaptionsHaveNone() {
        assertThat(d.repeatedNgrams("")).isEmpty();
        assertThat(d.repeatedNgrams("dog")).isEmpty();
        assertThat(d.repeatedNgrams("A red circle.")).isEmpty();
    }

    @Test
    void rejectsTooSmallN() {
        assertThatThrownBy(() -> new RepetitionDetector(1)).hasMessageContaining("minNgram").hasMessageContaining("1");
    }
}
