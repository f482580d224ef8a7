package io.github.blip2j.decoding.processors;

import io.github.blip2j.decoding.LogitsMath;

/**
 * HF {@code top_p} (nucleus): keeps the smallest set of highest-probability tokens whose mass
 * reaches {@code p} (a token is kept when the mass of the tokens ranked above it is below p), and
 * sets the rest to -inf. Computed with {@link MassThreshold} in O(vocab), without sorting the
 * vocabulary. Tokens tied with the last kept one are kept too.
 */
public final class TopPLogitsWarper implements LogitsProcessor {

    private final double topP;
    private final int minTokensToKeep;
    private final float[] keys;
    private final float[] weights;
    private final float[] scratch;
    private final MassThreshold select;

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
        this.keys = new float[vocabSize];
        this.weights = new float[vocabSize];
        this.scratch = new float[vocabSize];
        this.select = new MassThreshold(vocabSize);
    }

    @Override
    public void process(int[] tokens, int length, float[] scores, int vocabSize) {
        if (topP >= 1.0) {
            return;
        }
        // Unnormalised weights exp(s - max); the target mass is then p times their total.
        float max = LogitsMath.max(scores, vocabSize);
        LogitsMath.exp(scores, vocabSize, max, weights);
        int n = 0;
        double total = 0;
        for (int i = 0; i < vocabSize; i++) {
            float s = scores[i];
            if (s != Float.NEGATIVE_INFINITY) {
                keys[n] = -s;
                float w = weights[i];
                weights[n] = w;
                total += w;
                n++;
            }
        }
        float cut = -select.threshold(keys, weights, n, topP * total);
        if (minTokensToKeep > 1 && n > 0) {
            cut = Math.min(cut, LogitsMath.kthLargest(scores, vocabSize, Math.min(minTokensToKeep, vocabSize), scratch));
        }
        Cut.below(scores, vocabSize, cut);
    }
}
