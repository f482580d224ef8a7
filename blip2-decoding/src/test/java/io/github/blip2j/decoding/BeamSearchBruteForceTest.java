package io.github.blip2j.decoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * With enough beams to hold every prefix and {@code early_stopping = "never"}, beam search must return
 * exactly the best sequence under HF's length-normalised score, found here by enumerating every
 * sequence of a bigram model (vocab 4, eos 1, up to 4 new tokens: 121 complete sequences).
 */
class BeamSearchBruteForceTest {

    private static final int VOCAB = 4;
    private static final int EOS = 1;
    private static final int MAX_NEW = 4;
    private static final int LEADING = 0;

    record Scored(int[] tokens, double score) {}

    @ParameterizedTest
    @CsvSource({"1, 1.0", "2, 1.0", "3, 2.0", "4, 0.5", "5, 0.0", "6, -0.5", "7, 1.0", "8, 3.0"})
    void enoughBeamsFindTheExactBest(long seed, double lengthPenalty) {
        ToyModel.LogitsFn fn = ToyModel.bigram(seed, VOCAB, 1.5);
        List<Scored> all = new ArrayList<>();
        enumerate(fn, new int[] {LEADING}, 0.0, lengthPenalty, all);
        assertThat(all).hasSize(1 + 3 + 9 + 27 + 81);
        all.sort((a, b) -> Double.compare(b.score(), a.score()));

        // Every non-eos prefix and every candidate must fit among the first num_beams ranks.
        int numBeams = 27 * VOCAB;
        GenerationConfig cfg = GenerationConfig.builder().numBeams(numBeams).numReturnSequences(3)
                .lengthPenalty(lengthPenalty).earlyStopping(EarlyStopping.NEVER).maxNewTokens(MAX_NEW)
                .eosTokenIds(EOS).padTokenId(LEADING).build();
        ToyModel model = new ToyModel(VOCAB, fn, 1, true);
        GenerationResult out = cfg.strategy().generate(model, new int[] {LEADING});
        for (int j = 0; j < 3; j++) {
            assertThat(out.sequences(0).get(j).tokens()).as("rank %d", j).isEqualTo(all.get(j).tokens());
            assertThat(out.sequences(0).get(j).score()).isCloseTo(all.get(j).score(), within(1e-5));
        }
    }

    /** Every sequence that ends with eos within MAX_NEW tokens, or runs to MAX_NEW without eos. */
    private static void enumerate(ToyModel.LogitsFn fn, int[] prefix, double sum, double lp, List<Scored> out) {
        float[] logits = fn.logits(prefix);
        double lse = ToyModel.logSumExp(logits);
        int generated = prefix.length; // new tokens after appending one
        for (int t = 0; t < VOCAB; t++) {
            int[] next = java.util.Arrays.copyOf(prefix, prefix.length + 1);
            next[prefix.length] = t;
            double s = sum + (logits[t] - lse);
            int[] tokens = java.util.Arrays.copyOfRange(next, 1, next.length);
            if (t == EOS || generated == MAX_NEW) {
                out.add(new Scored(tokens, s / Math.pow(generated, lp)));
            } else {
                enumerate(fn, next, s, lp, out);
            }
        }
    }
}
