package io.github.blip2j.metrics.meteor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The bundled WordNet resources are exactly what {@link WordNetSynonymsGenerator} makes from the
 * original WordNet 3.0 files (Maven artifact net.sf.extjwnl:extjwnl-data-wn30:1.2, test scope).
 */
class WordNetSynonymsResourceTest {

    private static final String WN30 = "/net/sf/extjwnl/data/wordnet/wn30/";

    private static final WordNetSynonymsGenerator.DictFiles DICT =
            name -> WordNetSynonymsResourceTest.class.getResourceAsStream(WN30 + name);

    @Test
    void synsetsResourceIsGeneratedFromWordNet30() throws IOException {
        assertSameLines(bundled(WordNetSynonyms.SYNSETS_RESOURCE), WordNetSynonymsGenerator.synsetsText(DICT));
    }

    @Test
    void exceptionsResourceIsGeneratedFromWordNet30() throws IOException {
        assertSameLines(bundled(WordNetSynonyms.EXCEPTIONS_RESOURCE), WordNetSynonymsGenerator.exceptionsText(DICT));
    }

    @Test
    void inflectedFormsShareTheSynsetsOfTheirLemma() {
        WordNetSynonyms wn = WordNetSynonyms.english();
        assertThat(wn.synsetsOf("dogs")).contains(wn.synsetsOf("dog"));
        assertThat(wn.synsetsOf("geese")).contains(wn.synsetsOf("goose"));
        assertThat(WordNetSynonyms.intersects(wn.synsetsOf("car"), wn.synsetsOf("automobile"))).isTrue();
        assertThat(WordNetSynonyms.intersects(wn.synsetsOf("car"), wn.synsetsOf("banana"))).isFalse();
        assertThat(wn.synsetsOf("qqqzzz")).isEmpty();
    }

    /** Reports the first differing line instead of two multi-megabyte strings. */
    private static void assertSameLines(String bundled, String generated) {
        String[] a = bundled.split("\n", -1);
        String[] b = generated.split("\n", -1);
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            assertThat(a[i]).as("line %d of the bundled resource (regenerate with WordNetSynonymsGenerator)", i + 1).isEqualTo(b[i]);
        }
        assertThat(a.length).as("line count").isEqualTo(b.length);
    }

    private static String bundled(String resource) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(WordNetSynonyms.class.getResourceAsStream(resource))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
