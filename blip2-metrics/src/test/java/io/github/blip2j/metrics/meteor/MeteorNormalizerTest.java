package io.github.blip2j.metrics.meteor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Meteor's {@code -norm} normalisation: against Meteor 1.5's own output, and fast path against regex path. */
class MeteorNormalizerTest {

    private final MeteorNormalizer normalizer = new MeteorNormalizer(EnglishResources.nonBreakingPrefixes());

    /** Raw fixture captions and random punctuation-heavy strings, normalised by Meteor 1.5 (normalizer-reference.jsonl). */
    @Test
    void normalisesLikeMeteor() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        List<String> lines = MeteorTestData.lines("normalizer-reference.jsonl");
        List<String> mismatches = new ArrayList<>();
        for (String line : lines) {
            JsonNode pair = mapper.readTree(line);
            String input = pair.get(0).asText();
            String expected = pair.get(1).asText();
            String got = normalizer.normalize(input);
            if (!got.equals(expected)) {
                mismatches.add("'" + input + "': expected '" + expected + "', got '" + got + "'");
            }
        }
        assertThat(lines.size()).isGreaterThan(5_000);
        assertThat(mismatches).isEmpty();
    }

    @Property(tries = 3000)
    void fastPathEqualsRegexPath(@ForAll("tricky") String line) {
        String regex = normalizer.normalizeWithRegexes(line).toLowerCase(Locale.ROOT);
        assertThat(normalizer.normalize(line)).isEqualTo(regex);
    }

    @Provide
    Arbitrary<String> tricky() {
        return Arbitraries.strings()
                .withChars("ab Z9,.'`-\u2013\u2018\u2019\u201C\u201D\"$%\u00e9\u00d7\u0416\u65e5\u00a0\u2009\t\u000B\u0301s")
                .ofMinLength(0).ofMaxLength(30);
    }

    @Test
    void fallsBackToRegexesForDotRunsAndSurrogates() {
        assertThat(NormalizerFastPath.applies("a .. b")).isFalse();
        assertThat(NormalizerFastPath.applies("a DOTMULTI b")).isFalse();
        assertThat(NormalizerFastPath.applies("a \uD83D\uDE00 b")).isFalse();
        assertThat(NormalizerFastPath.applies("a man's dog, 1,000 u.s. e-mail")).isTrue();
    }
}
