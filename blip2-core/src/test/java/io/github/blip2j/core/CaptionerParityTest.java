package io.github.blip2j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.blip2j.core.image.BlipImageProcessor;
import io.github.blip2j.core.io.SafetensorsReader;
import io.github.blip2j.core.model.Blip2Model;
import io.github.blip2j.core.model.TinyT5Fixture;
import io.github.blip2j.core.text.TextTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The captioner, fed the fixture's PNG files (so preprocessing and prompt tokenization are part of
 * the path), reproduces every {@code generate} / {@code generate_extra} case of expected.json:
 * Hugging Face's ids (leading token and padding stripped) and {@code sequences_scores}.
 */
class CaptionerParityTest {

    private static final Path DIR = TinyT5Fixture.dir();
    private static final List<Path> IMAGES = List.of(DIR.resolve("image_0.png"), DIR.resolve("image_1.png"));
    private static final int EOS = 1;
    private static Blip2Model model;
    private static TextTokenizer tokenizer;

    @BeforeAll
    static void load() {
        model = Blip2Model.load(DIR);
        tokenizer = TextTokenizer.load(DIR);
    }

    @AfterAll
    static void free() {
        tokenizer.close();
        model.close();
    }

    /** The fixture's model, tokenizer and preprocessing, loaded once for all cases. */
    static CaptionerBuilder shared() {
        return Captioner.builder().model(model).tokenizer(tokenizer).imageProcessor(BlipImageProcessor.fromConfig(DIR));
    }

    static Stream<Arguments> cases() {
        JsonNode json = TinyT5Fixture.expected();
        List<Arguments> out = new ArrayList<>();
        for (String group : List.of("generate", "generate_extra")) {
            Iterator<Map.Entry<String, JsonNode>> it = json.get(group).fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                for (int batchSize : new int[] {2, 1}) {
                    out.add(Arguments.of(e.getKey(), batchSize, e.getValue()));
                }
            }
        }
        return out.stream();
    }

    /** The case's generate kwargs as builder knobs. */
    static CaptionerBuilder knobs(CaptionerBuilder b, JsonNode kwargs) {
        Iterator<Map.Entry<String, JsonNode>> it = kwargs.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            switch (e.getKey()) {
                case "max_new_tokens" -> b.maxNewTokens(v.asInt());
                case "num_beams" -> b.numBeams(v.asInt());
                case "num_return_sequences" -> b.numReturnSequences(v.asInt());
                case "repetition_penalty" -> b.repetitionPenalty(v.asDouble());
                case "min_new_tokens" -> b.minNewTokens(v.asInt());
                case "no_repeat_ngram_size" -> b.noRepeatNgramSize(v.asInt());
                case "length_penalty" -> b.lengthPenalty(v.asDouble());
                case "early_stopping" -> b.earlyStopping(v.asBoolean());
                default -> throw new AssertionError("unmapped kwarg " + e.getKey());
            }
        }
        return b;
    }

    /** The fixture's prompt ids as text for the word-level tokenizer (id i is token "w" + i). */
    static String promptText(long[] ids) {
        StringBuilder s = new StringBuilder();
        for (long id : ids) {
            if (id == EOS) {
                break;
            }
            s.append(s.length() == 0 ? "" : " ").append('w').append(id);
        }
        return s.toString();
    }

    /** HF's row without its leading token, cut after the first eos (what follows is padding). */
    static int[] newTokens(long[] row) {
        int[] out = new int[row.length - 1];
        int n = 0;
        for (int i = 1; i < row.length; i++) {
            out[n++] = (int) row[i];
            if (row[i] == EOS) {
                break;
            }
        }
        return Arrays.copyOf(out, n);
    }

    static List<Object> inputs(JsonNode c, Captioner captioner) {
        if (c.get("input_ids").isNull()) {
            return List.copyOf(IMAGES);
        }
        long[][] ids = TinyT5Fixture.longs(c.get("input_ids"));
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < IMAGES.size(); i++) {
            String text = promptText(ids[i]);
            // The mapping text -> ids must be exactly the fixture's prompt, padding aside.
            long[] unpadded = Arrays.copyOf(ids[i], Arrays.stream(TinyT5Fixture.ints(c.get("attention_mask"))[i]).sum());
            assertThat(captioner.tokenizer().orElseThrow().encode(text)).containsExactly(unpadded);
            out.add(new CaptionRequest(IMAGES.get(i), text));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}, batchSize {1}")
    @MethodSource("cases")
    void idsAndScoresMatchHuggingFace(String name, int batchSize, JsonNode c) {
        try (Captioner captioner = knobs(shared().batchSize(batchSize), c.get("kwargs")).build()) {
            List<Caption> got = captioner.caption(inputs(c, captioner));
            long[][] ref = TinyT5Fixture.longs(c.get("sequences"));
            assertThat(got).hasSize(ref.length);
            int perImage = ref.length / IMAGES.size();
            double tolerance = batchSize == 2 ? 1e-5 : 1e-4;
            for (int r = 0; r < ref.length; r++) {
                Caption cap = got.get(r);
                assertThat(cap.index()).isEqualTo(r / perImage);
                assertThat(cap.sequence()).isEqualTo(r % perImage);
                assertThat(cap.image()).isEqualTo(IMAGES.get(r / perImage));
                assertThat(cap.tokenIds()).as("%s row %d", name, r).containsExactly(newTokens(ref[r]));
                if (c.has("sequences_scores")) {
                    assertThat(cap.score()).as("%s score %d", name, r)
                            .isCloseTo(c.get("sequences_scores").get(r).asDouble(), within(tolerance));
                }
            }
        }
    }

    @Test
    void greedyScoreIsTheSumOfTheChosenTokensLogProbs() {
        // Independent check of the non-beam score: log-softmax of HF's recorded step logits, summed.
        // Loads from the directory, the way users build a captioner.
        JsonNode c = TinyT5Fixture.expected().get("generate").get("greedy_prompt");
        float[] logits;
        try (SafetensorsReader expected = TinyT5Fixture.tensors()) {
            logits = expected.loadFloats("greedy_prompt_step_logits");
        }
        long[][] seq = TinyT5Fixture.longs(c.get("sequences"));
        int v = 150;
        try (Captioner captioner = knobs(Captioner.builder().model(DIR), c.get("kwargs")).build()) {
            List<Caption> got = captioner.caption(inputs(c, captioner));
            for (int b = 0; b < 2; b++) {
                double want = 0;
                for (int t = 0; t < 12; t++) {
                    int off = (t * 2 + b) * v;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < v; j++) {
                        max = Math.max(max, logits[off + j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < v; j++) {
                        sum += Math.exp(logits[off + j] - max);
                    }
                    want += logits[off + (int) seq[b][t + 1]] - max - Math.log(sum);
                }
                assertThat(got.get(b).score()).as("image %d", b).isCloseTo(want, within(1e-3));
            }
        }
    }
}
