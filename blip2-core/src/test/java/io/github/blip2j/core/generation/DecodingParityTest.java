package io.github.blip2j.core.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.blip2j.core.config.T5Config;
import io.github.blip2j.core.io.SafetensorsReader;
import io.github.blip2j.core.model.Blip2Model;
import io.github.blip2j.core.model.TinyT5Fixture;
import io.github.blip2j.decoding.EarlyStopping;
import io.github.blip2j.decoding.GenerationConfig;
import io.github.blip2j.decoding.GenerationResult;
import io.github.blip2j.decoding.Generator;
import java.util.ArrayList;
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
 * Every {@code generate} and {@code generate_extra} case of the fixture, run by blip2-decoding's
 * strategies over a {@link GenerationSession}: identical ids and {@code sequences_scores}.
 */
class DecodingParityTest {

    private static Blip2Model model;
    private static SafetensorsReader expected;

    @BeforeAll
    static void load() {
        model = Blip2Model.load(TinyT5Fixture.dir());
        expected = TinyT5Fixture.tensors();
    }

    @AfterAll
    static void close() {
        expected.close();
        model.close();
    }

    static Stream<Arguments> cases() {
        JsonNode json = TinyT5Fixture.expected();
        List<Arguments> out = new ArrayList<>();
        for (String group : List.of("generate", "generate_extra")) {
            Iterator<Map.Entry<String, JsonNode>> it = json.get(group).fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                out.add(Arguments.of(e.getKey(), e.getValue()));
            }
        }
        return out.stream();
    }

    /** The language model's generation config (from text_config, as Blip2 v4.36.2 uses) plus the case's kwargs. */
    static GenerationConfig config(T5Config text, JsonNode kwargs) {
        GenerationConfig.Builder b = GenerationConfig.builder()
                .eosTokenIds(text.eosTokenId())
                .padTokenId(text.padTokenId())
                .bosTokenId(text.bosTokenId())
                .decoderStartTokenId(text.decoderStartTokenId());
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
                case "early_stopping" -> b.earlyStopping(v.asBoolean() ? EarlyStopping.TRUE : EarlyStopping.FALSE);
                default -> throw new AssertionError("unmapped kwarg " + e.getKey());
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void idsAndScoresMatch(String name, JsonNode c) {
        GenerationConfig config = config(model.config().t5(), c.get("kwargs"));
        try (NDManager call = model.manager().newSubManager()) {
            NDArray pixels = expected.load("pixel_values", call, DataType.FLOAT32);
            try (GenerationSession s = Blip2Generation.start(model, pixels, T5GenerationParityTest.prompts(c))) {
                int[] lead = {s.leadingTokenId(), s.leadingTokenId()};
                GenerationResult r = Generator.generate(s, lead, config, null);
                int[][] seq = r.toPaddedSequences(config.resolvedPadTokenId());
                long[][] ref = TinyT5Fixture.longs(c.get("sequences"));
                assertThat(seq.length).as(name).isEqualTo(ref.length);
                for (int i = 0; i < ref.length; i++) {
                    assertThat(java.util.Arrays.stream(seq[i]).asLongStream().toArray()).as("%s row %d", name, i)
                            .containsExactly(ref[i]);
                }
                if (c.has("sequences_scores")) {
                    double[] scores = r.scores();
                    for (int i = 0; i < scores.length; i++) {
                        assertThat(scores[i]).as("%s score %d", name, i)
                                .isCloseTo(c.get("sequences_scores").get(i).asDouble(), within(1e-5));
                    }
                }
            }
        }
    }

    @Test
    void beamStepLogProbsMatch() {
        JsonNode c = TinyT5Fixture.expected().get("generate").get("beam3_prompt");
        GenerationConfig config = config(model.config().t5(), c.get("kwargs")).toBuilder().outputScores(true).build();
        float[] ref = expected.loadFloats("beam3_prompt_step_logprobs");
        int v = 150;
        try (NDManager call = model.manager().newSubManager()) {
            NDArray pixels = expected.load("pixel_values", call, DataType.FLOAT32);
            try (GenerationSession s = Blip2Generation.start(model, pixels, T5GenerationParityTest.prompts(c))) {
                GenerationResult r = Generator.generate(s, new int[] {0, 0}, config, null);
                List<float[][]> steps = r.stepScores();
                assertThat(steps).hasSize(12);
                int compared = 0;
                for (int t = 0; t < steps.size(); t++) {
                    for (int row = 0; row < 6; row++) {
                        float[] got = steps.get(t)[row];
                        if (got == null) {
                            continue;
                        }
                        for (int j = 0; j < v; j++) {
                            float want = ref[(t * 6 + row) * v + j];
                            if (Float.isInfinite(want)) {
                                assertThat(got[j]).isEqualTo(want);
                            } else {
                                assertThat((double) got[j]).as("step %d row %d token %d", t, row, j)
                                        .isCloseTo(want, within(1e-4));
                            }
                        }
                        compared++;
                    }
                }
                assertThat(compared).isGreaterThan(36);
            }
        }
    }
}
