package io.github.blip2j.decoding.processors;

import io.github.blip2j.decoding.LogitsMath;

/**
 * HF {@code top_p} (nucleus): keeps the smallest set of highest-probability tokens whose mass
 * reaches {@code p} (a token is kept when the mass of the tokens ranked above it is below p), and
 * sets the rest to -inf. Computed by a weighted quickselect over the finite scores in expected
 * O(vocab), without sorting the vocabulary. Tokens tied with the last kept one are kept too.
 */
public final class TopPLogitsWarper implements LogitsProcessor {

    private final double topP;
    private final int minTokensToKeep;
    private final float[] probs;
    private final float[] keys;
    private final float[] weights;
    private final float[] scratch;

    /**
     * @param topP the probability mass to keep, in (0, 1]; 1 keeps everything
     * @param minTokensToKeep lower bound on the kept count
     * @param vocabSize the vocabulary size
     */
    public TopPLogitsWarper(double topP, int minTokensToKeep, int vocabSize) {
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top_p (topP) = " + topP + ": must be in (0, 1]");
        }
        this.topP = topP;
        this.minTokensToKeep = minTokensToKeep;
        this.probs = new float[vocabSize];
        this.keys = new float[vocabSize];
        this.weights = new float[vocabSize];
        this.scratch = new float[vocabSize];
    }

    @Override
    public void process(int[] tokens, int length, float[] scores, int vocabSize) {
        if (topP >= 1.0) {
            return;
        }
        float lse = LogitsMath.logSumExp(scores, vocabSize, probs, scratch);
        LogitsMath.exp(scores, vocabSize, lse, probs);
        int n = 0;
        for (int i = 0; i < vocabSize; i++) {
            float s = scores[i];
            if (s != Float.NEGATIVE_INFINITY) {
                keys[n] = -s;
                weights[n] = probs[i];
                n++;
            }
        }
        float cut = -LogitsMath.weightedThreshold(keys, weights, n, topP);
        if (minTokensToKeep > 1 && n > 0) {
            cut = Math.min(cut, LogitsMath.kthLargest(scores, vocabSize, Math.min(minTokensToKeep, vocabSize), scratch));
        }
        Cut.below(scores, vocabSize, cut);
    }
}
