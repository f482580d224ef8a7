package io.github.blip2j.spice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpiceTest {

    private static final Map<String, List<String>> REFS = new LinkedHashMap<>();
    private static final Map<String, String> CANDS = new LinkedHashMap<>();

    static {
        REFS.put("7", List.of("two dogs are playing with a red frisbee in the park", "a dog catches a frisbee"));
        CANDS.put("7", "a brown dog is catching a frisbee");
        REFS.put("3", List.of("a man in a suit holding his phone", "a lot of people waiting at the station"));
        CANDS.put("3", "a man with a phone");
    }

    @Test
    void readsObjectsAttributesAndRelations() {
        List<List<String>> props = Spice.builder().build().propositions("a brown dog is catching a red frisbee");
        assertThat(props).contains(List.of("dog", "frisbee", "catch"), List.of("dog", "brown"),
            List.of("frisbee", "red"), List.of("dog"), List.of("frisbee"));
    }

    @Test
    void quantitiesAndPronounsAreRewritten() {
        Spice spice = Spice.builder().build();
        // "a lot of people": the counted noun becomes the subject, the quantity expression (headed
        // by its first word) its attribute; "lot" stays an object of its own, as in SPICE.
        assertThat(spice.propositions("a lot of people waiting at the station"))
            .containsExactly(List.of("people", "station", "wait at"), List.of("people", "a"), List.of("people"),
                List.of("station"), List.of("lot"));
        // "his" resolves to the man.
        assertThat(spice.propositions("a man in a suit holding his phone")).contains(List.of("man", "phone", "have"));
    }

    @Test
    void resultsKeepImageOrderAndDoNotDependOnThreadCount(@TempDir Path dir) {
        SpiceResult one = Spice.builder().threads(1).build().score(REFS, CANDS);
        SpiceResult two = Spice.builder().threads(2).cacheFile(dir.resolve("c.bin")).build().score(REFS, CANDS);
        assertThat(one.perImage().keySet()).containsExactly("7", "3");
        assertThat(two).isEqualTo(one);
        // A new scorer on the same cache file reads the parses back instead of parsing.
        SpiceResult cached = Spice.builder().cacheFile(dir.resolve("c.bin")).build().score(REFS, CANDS);
        assertThat(cached).isEqualTo(one);
        assertThat(one.corpusScore()).isEqualTo((one.perImage().get("7").spice() + one.perImage().get("3").spice()) / 2);
    }

    @Test
    void emptyInputGivesAnEmptyResult() {
        SpiceResult r = Spice.builder().build().score(Map.of(), Map.of());
        assertThat(r.perImage()).isEmpty();
        assertThat(r.corpusScore()).isZero();
    }

    @Test
    void mismatchedImagesAreRejectedWithTheirIds() {
        assertThatThrownBy(() -> Spice.builder().build().score(Map.of("1", List.of("a dog")), Map.of("2", "a cat")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("only in references: [1]")
            .hasMessageContaining("only in candidates: [2]");
        Map<String, String> nullCandidate = new LinkedHashMap<>();
        nullCandidate.put("1", null);
        assertThatThrownBy(() -> Spice.builder().build().score(Map.of("1", List.of("a dog")), nullCandidate))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("image 1");
    }

    @Test
    void builderValidatesThreads() {
        assertThatThrownBy(() -> Spice.builder().threads(0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("threads must be in [1, 256], got 0");
    }
}
