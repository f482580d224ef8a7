package io.github.blip2j.decoding.processors;

import io.github.blip2j.decoding.LogitsMath;

/**
 * HF {@code min_p} (transformers 4.39+): removes tokens whose probability is below
 * {@code minP * (probability of the most likely token)}, i.e. whose score is below
 * {@code max + ln(minP)}.
 */
public final class MinPLogitsWarper implements LogitsProcessor {

    private final float logMinP;
    private final int minTokensToKeep;
    private final float[] scratch;

    /**
     * @param minP the relative probability floor, in [0, 1]; 0 keeps everything
     * @param minTokensToKeep lower bound on the kept count
     * @param vocabSize the vocabulary size
     */
    public MinPLogitsWarper(double minP, int minTokensToKeep, int vocabSize) {
        if (!(minP >= 0 && minP <= 1)) {
            throw new IllegalArgumentException("min_p (minP) = " + minP + ": must be in [0, 1]");
        }
        this.logMinP = (float) Math.log(minP);
        this.minTokensToKeep = minTokensToKeep;
        this.scratch = new float[vocabSize];
    }

    @Override
    public void process(int[] tokens, int length, float[] scores, int vocabSize) {
        if (logMinP == Float.NEGATIVE_INFINITY) {
            return;
        }
        float max = LogitsMath.max(scores, vocabSize);
        float cut = max + logMinP;
        if (minTokensToKeep > 1) {
            cut = Math.min(cut, LogitsMath.kthLargest(scores, vocabSize, Math.min(minTokensToKeep, vocabSize), scratch));
        }
        Cut.below(scores, vocabSize, cut);
    }
}
