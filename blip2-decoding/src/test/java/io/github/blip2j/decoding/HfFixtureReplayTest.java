package io.github.blip2j.decoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays the logits transformers v4.36.2 computed for the blip2-tiny-t5 fixture through our
 * strategies and checks that they make HF's choices: same ids, same {@code sequences_scores}.
 * Only cases whose decoding path stays on the recorded prefixes can be replayed (see each test).
 */
class HfFixtureReplayTest {

    private static final int VOCAB = 150;
    private static JsonNode fixture;
    private static Safetensors steps;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = HfFixtureReplayTest.class.getResourceAsStream("/blip2-tiny-t5/generate.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        steps = Safetensors.load("/blip2-tiny-t5/generate-steps.safetensors");
    }

    /** The T5 fixture's special tokens: pad 0, eos 1, decoder start 0; 12 new tokens. */
    private static GenerationConfig.Builder t5(boolean compact) {
        return GenerationConfig.builder().eosTokenIds(1).padTokenId(0).decoderStartTokenId(0).bosTokenId(1)
                .maxNewTokens(12).compactFinishedRows(compact);
    }

    private static JsonNode testCase(String section, String name) {
        return fixture.get(section).get(name);
    }

    private static int[][] ids(JsonNode node) {
        int[][] out = new int[node.size()][];
        for (int i = 0; i < out.length; i++) {
            JsonNode row = node.get(i);
            out[i] = new int[row.size()];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = row.get(j).intValue();
            }
        }
        return out;
    }

    private static ReplayModel greedyReplay() {
        assertThat(steps.shape("greedy_prompt_step_logits")).containsExactly(12, 2, VOCAB);
        return new ReplayModel(steps.floats("greedy_prompt_step_logits"), 2, VOCAB, 1, 2);
    }

    private static ReplayModel beamReplay() {
        assertThat(steps.shape("beam3_prompt_step_logprobs")).containsExactly(12, 6, VOCAB);
        return new ReplayModel(steps.floats("beam3_prompt_step_logprobs"), 6, VOCAB, 3, 2);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void greedyReproducesHfIds(boolean compact) {
        GenerationResult out = GreedySearch.of(t5(compact).build()).generate(greedyReplay(), new int[] {0, 0});
        assertThat(out.toPaddedSequences(0)).isDeepEqualTo(ids(testCase("generate", "greedy_prompt").get("sequences")));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void greedyWithMinNewTokensReproducesHfIds(boolean compact) {
        // HF's ids equal plain greedy's here, so the recorded logits stay on the path.
        GenerationConfig cfg = t5(compact).minNewTokens(8).build();
        GenerationResult out = GreedySearch.of(cfg).generate(greedyReplay(), new int[] {0, 0});
        assertThat(out.toPaddedSequences(0))
                .isDeepEqualTo(ids(testCase("generate_extra", "greedy_min_new_tokens_8").get("sequences")));
    }

    @org.junit.jupiter.api.Test
    void greedyRepetitionPenaltyMakesHfChoicesWhileOnRecordedPrefixes() {
        // The penalised run leaves plain greedy's path after 2 tokens (row 0) and 8 tokens (row 1):
        // up to and including that first different token, the recorded logits are the right ones.
        int[][] hf = ids(testCase("generate_extra", "greedy_repetition_penalty_1.5").get("sequences"));
        int[][] plain = ids(testCase("generate", "greedy_prompt").get("sequences"));
        GenerationConfig cfg = t5(true).repetitionPenalty(1.5).maxNewTokens(8).build();
        GenerationResult out = GreedySearch.of(cfg).generate(greedyReplay(), new int[] {0, 0});
        for (int row = 0; row < 2; row++) {
            int firstDifferent = 1;
            while (hf[row][firstDifferent] == plain[row][firstDifferent]) {
                firstDifferent++;
            }
            int[] expected = Arrays.copyOfRange(hf[row], 1, firstDifferent + 1);
            assertThat(Arrays.copyOf(out.best(row).tokens(), expected.length)).as("row %d", row).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"beam3_prompt", "beam3_prompt_return3"})
    void beamSearchReproducesHfIdsAndScores(String name) {
        JsonNode c = testCase("generate", name);
        JsonNode kwargs = c.get("kwargs");
        for (boolean compact : new boolean[] {true, false}) {
            GenerationConfig cfg = t5(compact).numBeams(kwargs.get("num_beams").intValue())
                    .numReturnSequences(kwargs.has("num_return_sequences")
                            ? kwargs.get("num_return_sequences").intValue() : 1)
                    .build();
            assertThat(cfg.mode()).isEqualTo(GenerationMode.BEAM_SEARCH);
            GenerationResult out = cfg.strategy().generate(beamReplay(), new int[] {0, 0});
            assertHfOutput(out, c);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"beam3_length_penalty_2.0", "beam3_early_stopping_true"})
    void beamSearchOptionsReproduceHfIdsAndScores(String name) {
        // Neither option changes which running beams are kept, only scores and stopping, so the
        // logits recorded for beam3_prompt (where no item stopped before max_new_tokens) apply.
        JsonNode c = testCase("generate_extra", name);
        JsonNode kwargs = c.get("kwargs");
        GenerationConfig.Builder b = t5(true).numBeams(3);
        if (kwargs.has("length_penalty")) {
            b.lengthPenalty(kwargs.get("length_penalty").doubleValue());
        }
        if (kwargs.has("early_stopping")) {
            b.earlyStopping(kwargs.get("early_stopping").booleanValue() ? EarlyStopping.TRUE : EarlyStopping.FALSE);
        }
        GenerationResult out = b.build().strategy().generate(beamReplay(), new int[] {0, 0});
        assertHfOutput(out, c);
    }

    @org.junit.jupiter.api.Test
    void beamSearchWithModelSuppliedLogSumExpMatchesToo() {
        JsonNode c = testCase("generate", "beam3_prompt");
        ReplayModel replay = beamReplay();
        NextTokenModel withLse = new NextTokenModel() {
            @Override
            public int vocabSize() {
                return replay.vocabSize();
            }

            @Override
            public void nextLogits(int[] lastTokens, float[] logits) {
                replay.nextLogits(lastTokens, logits);
            }

            @Override
            public boolean nextLogitsAndLogSumExp(int[] lastTokens, float[] logits, float[] lse) {
                replay.nextLogits(lastTokens, logits);
                for (int r = 0; r < lastTokens.length; r++) {
                    lse[r] = ToyModel.logSumExp(Arrays.copyOfRange(logits, r * VOCAB, (r + 1) * VOCAB));
                }
                return true;
            }

            @Override
            public void selectRows(int[] rows) {
                replay.selectRows(rows);
            }
        };
        assertHfOutput(BeamSearch.builder().config(t5(true).build()).numBeams(3).build()
                .generate(withLse, new int[] {0, 0}), c);
    }

    private static void assertHfOutput(GenerationResult out, JsonNode c) {
        assertThat(out.toPaddedSequences(0)).isDeepEqualTo(ids(c.get("sequences")));
        JsonNode scores = c.get("sequences_scores");
        double[] ours = out.scores();
        assertThat(ours).hasSize(scores.size());
        for (int i = 0; i < ours.length; i++) {
            assertThat(ours[i]).as("sequences_scores[%d]", i).isCloseTo(scores.get(i).doubleValue(), within(1e-5));
        }
    }
}
