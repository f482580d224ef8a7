package io.github.blip2j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Expected strings were produced by LAVIS's pre_caption regexes run in Python 3. */
class CaptionCleanerTest {

    @Test
    void matchesLavisPreCaption() {
        CaptionCleaner c = CaptionCleaner.blip();
        assertThat(c.apply("A child in a pink dress is climbing up a set of stairs in an entry way ."))
                .isEqualTo("a child in a pink dress is climbing up a set of stairs in an entry way");
        assertThat(c.apply("  Two dogs!!! (playing) \"tug-of-war\"; on the grass... ~fun~ "))
                .isEqualTo("two dogs playing tug-of-war on the grass fun");
        assertThat(c.apply("A man's hat, blue?  Yes:   it is.\n")).isEqualTo("a man's hat, blue? yes it is");
        assertThat(c.apply("Tab\there  and\t\tthere.")).isEqualTo("tab\there and there");
        assertThat(c.apply("...")).isEmpty();
    }

    @Test
    void truncatesToMaxWords() {
        assertThat(CaptionCleaner.blip(3).apply("one two three four five six")).isEqualTo("one two three");
    }

    @Test
    void noneOnlyTrims() {
        assertThat(CaptionCleaner.none().apply("  A Dog!  ")).isEqualTo("A Dog!");
    }

    @Test
    void rejectsBadMaxWords() {
        assertThatThrownBy(() -> CaptionCleaner.blip(0)).hasMessageContaining("maxWords").hasMessageContaining("0");
    }
}
