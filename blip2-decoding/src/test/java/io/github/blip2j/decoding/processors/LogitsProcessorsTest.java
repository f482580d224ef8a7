package io.github.blip2j.decoding.processors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each processor on hand-checked rows, with HF's semantics spelled out in the assertions. */
class LogitsProcessorsTest {

    private static final float NEG_INF = Float.NEGATIVE_INFINITY;

    @Test
    void repetitionPenaltyDividesPositiveMultipliesNegativeOncePerToken() {
        float[] s = {2f, -2f, 3f, -1f, 5f};
        // row: leading token 0, then 1, 1 (repeated), 3
        new RepetitionPenaltyLogitsProcessor(2.0, 5).process(new int[] {0, 1, 1, 3, 9}, 4, s, 5);
        assertThat(s).containsExactly(1f, -4f, 3f, -2f, 5f);
        // stamps reset per call: the same processor penalises again on the next row
        float[] t = {2f, 2f, 2f, 2f, 2f};
        new RepetitionPenaltyLogitsProcessor(2.0, 5).process(new int[] {4}, 1, t, 5);
        assertThat(t).containsExactly(2f, 2f, 2f, 2f, 1f);
    }

    @Test
    void noRepeatNGramBansCompletionsOfSeenNGrams() {
        float[] s = new float[6];
        // bigrams seen: (0,1) (1,2) (2,1) (1,3); last token 1 -> 2 and 3 banned
        new NoRepeatNGramLogitsProcessor(2).process(new int[] {0, 1, 2, 1, 3, 1}, 6, s, 6);
        assertThat(s).containsExactly(0f, 0f, NEG_INF, NEG_INF, 0f, 0f);
        float[] t = new float[6];
        // trigrams: last two tokens (4,5) never seen before
        new NoRepeatNGramLogitsProcessor(3).process(new int[] {4, 5, 2, 4, 5}, 5, t, 6);
        assertThat(t).containsExactly(0f, 0f, NEG_INF, 0f, 0f, 0f);
        float[] u = new float[6];
        new NoRepeatNGramLogitsProcessor(3).process(new int[] {4}, 1, u, 6); // too short: nothing
        assertThat(u).containsOnly(0f);
        float[] v = new float[6];
        new NoRepeatNGramLogitsProcessor(1).process(new int[] {4, 2}, 2, v, 6); // unigrams: all seen tokens
        assertThat(v).containsExactly(0f, 0f, NEG_INF, 0f, NEG_INF, 0f);
    }

    @Test
    void minLengthAndMinNewTokensHoldBackEveryEos() {
        float[] s = {1f, 1f, 1f};
        new MinLengthLogitsProcessor(3, new int[] {1, 2}).process(new int[] {0, 0}, 2, s, 3);
        assertThat(s).containsExactly(1f, NEG_INF, NEG_INF);
        float[] t = {1f, 1f, 1f};
        new MinLengthLogitsProcessor(3, new int[] {1}).process(new int[] {0, 0, 0}, 3, t, 3);
        assertThat(t).containsExactly(1f, 1f, 1f);
        float[] u = {1f, 1f, 1f};
        new MinNewTokensLogitsProcessor(1, 2, new int[] {1}).process(new int[] {0, 0}, 2, u, 3); // 1 new token
        assertThat(u).containsExactly(1f, NEG_INF, 1f);
        float[] v = {1f, 1f, 1f};
        new MinNewTokensLogitsProcessor(1, 2, new int[] {1}).process(new int[] {0, 0, 0}, 3, v, 3); // 2 new tokens
        assertThat(v).containsExactly(1f, 1f, 1f);
    }

    @Test
    void forcedEosOnlyAtTheLastAllowedStep() {
        float[] s = {1f, 2f, 3f, 4f};
        new ForcedEosTokenLogitsProcessor(5, new int[] {2}).process(new int[5], 4, s, 4);
        assertThat(s).containsExactly(NEG_INF, NEG_INF, 0f, NEG_INF);
        float[] t = {1f, 2f, 3f, 4f};
        new ForcedEosTokenLogitsProcessor(5, new int[] {2}).process(new int[5], 3, t, 4);
        assertThat(t).containsExactly(1f, 2f, 3f, 4f);
    }

    @Test
    void badWordsBanSinglesAlwaysAndSequencesAfterTheirPrefix() {
        List<int[]> bad = List.of(new int[] {3}, new int[] {1, 2, 4}, new int[] {0}, new int[] {5, 5, 5, 5});
        NoBadWordsLogitsProcessor p = new NoBadWordsLogitsProcessor(bad, new int[] {0});
        float[] s = new float[6];
        p.process(new int[] {7, 1, 2}, 3, s, 6); // ends with 1,2 -> 4 banned; [0] is eos: ignored
        assertThat(s).containsExactly(0f, 0f, 0f, NEG_INF, NEG_INF, 0f);
        float[] t = new float[6];
        p.process(new int[] {5, 5, 5}, 3, t, 6); // entry longer than the row is not checked yet (HF)
        assertThat(t).containsExactly(0f, 0f, 0f, NEG_INF, 0f, 0f);
        float[] u = new float[6];
        p.process(new int[] {5, 5, 5, 5}, 4, u, 6);
        assertThat(u).containsExactly(0f, 0f, 0f, NEG_INF, 0f, NEG_INF);
    }

    @Test
    void suppressTokensAndTemperature() {
        float[] s = {1f, 2f, 3f};
        new SuppressTokensLogitsProcessor(new int[] {0, 2}).process(new int[1], 1, s, 3);
        assertThat(s).containsExactly(NEG_INF, 2f, NEG_INF);
        float[] t = {1f, -2f, 3f};
        new TemperatureLogitsWarper(0.5).process(new int[1], 1, t, 3);
        assertThat(t).containsExactly(2f, -4f, 6f);
    }

    @Test
    void topKKeepsTiesWithTheKthValue() {
        float[] s = {1f, 5f, 3f, 3f, 2f, 0f};
        new TopKLogitsWarper(2, 1, 6).process(new int[1], 1, s, 6);
        assertThat(s).containsExactly(NEG_INF, 5f, 3f, 3f, NEG_INF, NEG_INF);
        float[] t = {1f, 5f, 3f};
        new TopKLogitsWarper(1, 2, 3).process(new int[1], 1, t, 3); // min_tokens_to_keep wins
        assertThat(t).containsExactly(NEG_INF, 5f, 3f);
    }

    @Test
    void topPKeepsTheSmallestPrefixReachingP() {
        // probabilities 0.5, 0.25, 0.125, 0.125 (log2 scale)
        float ln2 = (float) Math.log(2);
        float[] s = {3 * ln2, 2 * ln2, ln2, ln2};
        new TopPLogitsWarper(0.7, 1, 4).process(new int[1], 1, s, 4);
        assertThat(s).containsExactly(3 * ln2, 2 * ln2, NEG_INF, NEG_INF);
        float[] t = {3 * ln2, 2 * ln2, ln2, ln2};
        new TopPLogitsWarper(0.4, 1, 4).process(new int[1], 1, t, 4);
        assertThat(t).containsExactly(3 * ln2, NEG_INF, NEG_INF, NEG_INF);
        float[] u = {3 * ln2, NEG_INF, 2 * ln2, NEG_INF};
        new TopPLogitsWarper(0.99, 1, 4).process(new int[1], 1, u, 4);
        assertThat(u).containsExactly(3 * ln2, NEG_INF, 2 * ln2, NEG_INF);
    }

    @Test
    void minPCutsRelativeToTheTopProbability() {
        float[] s = {0f, (float) Math.log(0.5), (float) Math.log(0.09), (float) Math.log(0.11)};
        new MinPLogitsWarper(0.1, 1, 4).process(new int[1], 1, s, 4);
        assertThat(s[0]).isEqualTo(0f);
        assertThat(s[2]).isEqualTo(NEG_INF);
        assertThat(s[3]).isGreaterThan(NEG_INF);
    }

    @Test
    void warpersValidateTheirArguments() {
        assertThatThrownBy(() -> new TopPLogitsWarper(0, 1, 3)).hasMessage("top_p (topP) = 0.0: must be in (0, 1]");
        assertThatThrownBy(() -> new TypicalLogitsWarper(1.5, 1, 3))
                .hasMessage("typical_p (typicalP) = 1.5: must be in (0, 1]");
        assertThatThrownBy(() -> new MinPLogitsWarper(-0.1, 1, 3)).hasMessage("min_p (minP) = -0.1: must be in [0, 1]");
        assertThatThrownBy(() -> new RepetitionPenaltyLogitsProcessor(0, 3))
                .hasMessageContaining("repetition_penalty (repetitionPenalty) = 0.0");
        assertThatThrownBy(() -> new NoRepeatNGramLogitsProcessor(0)).hasMessageContaining("no_repeat_ngram_size");
        assertThatThrownBy(() -> new TopKLogitsWarper(0, 1, 3)).hasMessageContaining("top_k (topK) = 0");
    }
}
