package io.github.blip2j.decoding.processors;

/**
 * HF {@code repetition_penalty} (CTRL, Keskar et al. 2019): every token already in the row, the
 * leading token included, has its score divided by the penalty when positive and multiplied by it
 * when negative. Each distinct token is penalised once however often it occurs.
 */
public final class RepetitionPenaltyLogitsProcessor implements LogitsProcessor {

    private final float penalty;
    /** stamp[t] == epoch marks t as already penalised in the current call (no clearing needed). */
    private final int[] stamp;
    private int epoch;

    /**
     * @param penalty the penalty, {@code > 0}; 1 changes nothing
     * @param vocabSize the vocabulary size
     */
    public RepetitionPenaltyLogitsProcessor(double penalty, int vocabSize) {
        if (!(penalty > 0) || Double.isInfinite(penalty)) {
            throw new IllegalArgumentException(
                    "repetition_penalty (repetitionPenalty) = " + penalty + ": must be a finite value > 0");
        }
        this.penalty = (float) penalty;
        this.stamp = new int[vocabSize];
    }

    @Override
    public void process(int[] tokens, int length, float[] scores, int vocabSize) {
        if (++epoch == 0) {
            java.util.Arrays.fill(stamp, 0);
            epoch = 1;
        }
        for (int i = 0; i < length; i++) {
            int t = tokens[i];
            if (stamp[t] == epoch) {
                continue;
            }
            stamp[t] = epoch;
            float s = scores[t];
            scores[t] = s < 0 ? s * penalty : s / penalty;
        }
    }
}
