package io.github.blip2j.decoding.processors;

import io.github.blip2j.decoding.LogitsMath;

/**
 * HF {@code top_k}: keeps the {@code k} highest scores (every token tied with the k-th is kept too)
 * and sets the rest to -inf. Found by quickselect, not by sorting the vocabulary.
 */
public final class TopKLogitsWarper implements LogitsProcessor {

    private final int topK;
    private final float[] scratch;

    /**
     * @param topK how many tokens to keep, {@code >= 1}
     * @param minTokensToKeep lower bound on the kept count (HF uses 2 with beams, else 1)
     * @param vocabSize the vocabulary size
     */
    public TopKLogitsWarper(int topK, int minTokensToKeep, int vocabSize) {
        if (topK < 1) {
            throw new IllegalArgumentException("top_k (topK) = " + topK + ": must be >= 1 (0 disables it)");
        }
        this.topK = Math.min(Math.max(topK, minTokensToKeep), vocabSize);
        this.scratch = new float[vocabSize];
    }

    @Override
    public void process(int[] tokens, int length, float[] scores, int vocabSize) {
        if (topK >= vocabSize) {
            return;
        }
        float threshold = LogitsMath.kthLargest(scores, vocabSize, topK, scratch);
        Cut.below(scores, vocabSize, threshold);
    }
}
