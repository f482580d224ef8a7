package io.github.blip2j.examples.demo.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordLevelTokenizerWriterTest {

    @TempDir
    Path dir;

    private static WordLevelTokenizerWriter demoWriter() {
        List<Scene> scenes = DemoDataGenerator.builder().images(50).seed(4).build().scenes();
        List<String> captions = scenes.stream().flatMap(s -> s.captions().stream()).toList();
        return new WordLevelTokenizerWriter().addCaptions(captions).addWords(CaptionWriter.vocabulary());
    }

    @Test
    void vocabularyIsT5LikeAndOrderedByFrequency() {
        Map<String, Integer> v = new WordLevelTokenizerWriter().addCaptions(List.of("a red circle", "A red square", "a dog"))
                .addWords(List.of("zebra")).vocabulary();
        assertThat(v).containsEntry("<pad>", 0).containsEntry("</s>", 1).containsEntry("<unk>", 2)
                .containsEntry("a", 3).containsEntry("red", 4).containsEntry("circle", 5).containsEntry("dog", 6)
                .containsEntry("square", 7).containsEntry("zebra", 8).hasSize(9);
        assertThat(new WordLevelTokenizerWriter().addCaptions(List.of("a a b")).minFrequency(2).vocabulary())
                .containsOnlyKeys("<pad>", "</s>", "<unk>", "a");
    }

    @Test
    void djlLoadsItOfflineAndRoundTripsCaptions() throws IOException {
        WordLevelTokenizerWriter writer = demoWriter();
        Path file = writer.writeTo(dir);
        Map<String, Integer> vocab = writer.vocabulary();
        try (HuggingFaceTokenizer tok = HuggingFaceTokenizer.newInstance(file)) {
            String caption = "Two shapes: a large red circle above a small blue square";
            Encoding e = tok.encode(caption);
            List<String> words = WordLevelTokenizerWriter.preTokenize(caption);
            assertThat(words).contains(":").doesNotContain("shapes:");
            long[] expected = new long[words.size() + 1];
            for (int i = 0; i < words.size(); i++) {
                expected[i] = vocab.get(words.get(i));
            }
            expected[words.size()] = 1;
            assertThat(e.getIds()).containsExactly(expected);
            assertThat(tok.decode(e.getIds(), true)).isEqualTo("two shapes : a large red circle above a small blue square");
            assertThat(tok.encode("a purple giraffe").getIds()).containsExactly(vocab.get("a"), vocab.get("purple"), 2, 1);
        }
        try (HuggingFaceTokenizer fromDir = HuggingFaceTokenizer.newInstance(dir)) {
            assertThat(fromDir.encode("a star").getIds()).endsWith(1L);
        }
    }

    @Test
    void writesConfigFilesThatNameTheSpecialTokens() throws IOException {
        demoWriter().modelMaxLength(40).writeTo(dir);
        ObjectMapper m = new ObjectMapper();
        JsonNode config = m.readTree(dir.resolve("tokenizer_config.json").toFile());
        assertThat(config.get("eos_token").asText()).isEqualTo("</s>");
        assertThat(config.get("pad_token").asText()).isEqualTo("<pad>");
        assertThat(config.get("model_max_length").asInt()).isEqualTo(40);
        JsonNode tokenizer = m.readTree(dir.resolve("tokenizer.json").toFile());
        assertThat(tokenizer.at("/model/type").asText()).isEqualTo("WordLevel");
        assertThat(tokenizer.at("/pre_tokenizer/type").asText()).isEqualTo("Whitespace");
        assertThat(tokenizer.at("/normalizer/type").asText()).isEqualTo("Lowercase");
        assertThat(m.readTree(dir.resolve("special_tokens_map.json").toFile()).get("unk_token").asText()).isEqualTo("<unk>");
    }

    @Test
    void aGeneratedDataSetWritesItsTokenizer() throws IOException {
        DemoDataset data = DemoDataGenerator.builder().images(5).seed(1).build().generate(dir.resolve("data"));
        Path file = data.writeTokenizer(dir.resolve("model"));
        try (HuggingFaceTokenizer tok = HuggingFaceTokenizer.newInstance(file)) {
            for (String caption : data.allCaptions()) {
                long[] ids = tok.encode(caption).getIds();
                assertThat(ids).doesNotContain(2L).endsWith(1L);
                assertThat(tok.decode(ids, true)).isEqualTo(String.join(" ", WordLevelTokenizerWriter.preTokenize(caption)));
            }
        }
    }

    @Test
    void sameCaptionsSameFile() {
        assertThat(demoWriter().tokenizerJson()).isEqualTo(demoWriter().tokenizerJson());
    }

    @Test
    void rejectsMultiTokenWordsAndBadSettings() {
        assertThatThrownBy(() -> new WordLevelTokenizerWriter().addWords(List.of("red circle")))
                .hasMessageContaining("'red circle'");
        assertThatThrownBy(() -> new WordLevelTokenizerWriter().minFrequency(0)).hasMessageContaining("minFrequency");
    }
}
