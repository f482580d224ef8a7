package io.github.blip2j.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** T5-style (the fixture's) and OPT-style tokenizers: ids, special tokens, padding, decoding. */
class TextTokenizerTest {

    static TextTokenizer t5;
    static TextTokenizer opt;

    static Path resource(String name) {
        try {
            return Path.of(TextTokenizerTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void load() {
        t5 = TextTokenizer.load(resource("/blip2-tiny-t5/tokenizer.json").getParent());
        opt = TextTokenizer.load(resource("/tokenizers/opt-wordlevel/tokenizer.json"));
    }

    @AfterAll
    static void close() {
        t5.close();
        opt.close();
    }

    @Test
    void t5AppendsEosAsTheFixturePromptShows() {
        // expected.json: prompt row 0 is [37, 52, 9, 101, 77, 1].
        assertThat(t5.encode("w37 w52 w9 w101 w77")).containsExactly(37, 52, 9, 101, 77, 1);
        assertThat(t5.encode("w37 w52", false)).containsExactly(37, 52);
        assertThat(t5.eosTokenId()).hasValue(1);
        assertThat(t5.padTokenId()).hasValue(0);
        assertThat(t5.bosTokenId()).isEmpty();
        assertThat(t5.unkTokenId()).hasValue(2);
        assertThat(t5.modelMaxLength()).isEqualTo(512);
    }

    @Test
    void t5BatchIsRightPaddedWithAMask() {
        EncodedBatch b = t5.encodeBatch(List.of("w37 w52 w9 w101 w77", "w64 w15 w88"), PaddingSide.RIGHT);
        // expected.json: the fixture's prompt batch and its attention mask.
        assertThat(b.ids()[0]).containsExactly(37, 52, 9, 101, 77, 1);
        assertThat(b.ids()[1]).containsExactly(64, 15, 88, 1, 0, 0);
        assertThat(b.attentionMask()[1]).containsExactly(1, 1, 1, 1, 0, 0);
        assertThat(b.size()).isEqualTo(2);
        assertThat(b.length()).isEqualTo(6);
    }

    @Test
    void decodingSkipsOrKeepsSpecialTokens() {
        long[] generated = {0, 23, 45, 67, 1, 0};
        assertThat(t5.decode(generated, true)).isEqualTo("w23 w45 w67");
        assertThat(t5.decode(generated, false)).isEqualTo("<pad> w23 w45 w67 </s> <pad>");
        assertThat(t5.decodeBatch(new long[][] {{23, 1}, {45}}, true)).containsExactly("w23", "w45");
    }

    @Test
    void optPrependsBosAndPadsOnTheLeft() {
        long[] ids = opt.encode("A dog on the grass");
        assertThat(ids[0]).isEqualTo(2);
        assertThat(opt.tokens("A dog")).containsExactly("</s>", "a", "dog");
        assertThat(opt.bosTokenId()).hasValue(2);
        assertThat(opt.eosTokenId()).hasValue(2);
        assertThat(opt.padTokenId()).hasValue(1);
        EncodedBatch b = opt.encodeBatch(List.of("a photo of", "a red ball on the mat"), PaddingSide.LEFT);
        assertThat(b.ids()[0]).startsWith(1, 1, 1, 2);
        assertThat(b.attentionMask()[0]).containsExactly(0, 0, 0, 1, 1, 1, 1);
        assertThat(b.ids()[1][0]).isEqualTo(2);
        assertThat(opt.decode(b.ids()[0], true)).isEqualTo("a photo of");
        assertThat(opt.encode("zebra")).containsExactly(2, 3);
    }

    @Test
    void roundTripsThroughIdsForInVocabularyText() {
        for (String s : List.of("two people on the street", "a cat with a red ball .")) {
            assertThat(opt.decode(opt.encode(s), true)).isEqualTo(s);
        }
        assertThat(t5.decode(t5.encode("w3 w149 w7"), true)).isEqualTo("w3 w149 w7");
    }

    @Test
    void missingFilesAreNamed(@TempDir Path tmp) throws Exception {
        assertThatThrownBy(() -> TextTokenizer.load(tmp))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tokenizer.json");
        Path bad = Files.writeString(tmp.resolve("tokenizer.json"), "{not json");
        assertThatThrownBy(() -> TextTokenizer.load(bad)).hasMessageContaining(bad.toString());
    }

    @Test
    void aBatchWithoutPadTokenCannotBePadded(@TempDir Path tmp) throws Exception {
        Files.copy(resource("/tokenizers/opt-wordlevel/tokenizer.json"), tmp.resolve("tokenizer.json"));
        try (TextTokenizer noConfig = TextTokenizer.load(tmp)) {
            assertThat(noConfig.padTokenId()).isEmpty();
            assertThat(noConfig.encodeBatch(List.of("a dog", "a cat"), PaddingSide.LEFT).length()).isEqualTo(3);
            assertThatThrownBy(() -> noConfig.encodeBatch(List.of("a", "a dog"), PaddingSide.LEFT))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("pad_token");
        }
    }
}
