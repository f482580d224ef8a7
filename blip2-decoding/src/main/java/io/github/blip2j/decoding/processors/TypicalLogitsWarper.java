package io.github.blip2j.decoding.processors;

import io.github.blip2j.decoding.LogitsMath;

/**
 * HF {@code typical_p} (locally typical sampling, Meister et al. 2022): ranks tokens by how close
 * their information content {@code -log p} is to the entropy of the distribution, keeps the most
 * typical tokens until their mass reaches {@code typicalP} (the token that crosses it included),
 * and sets the rest to -inf. Uses {@link MassThreshold}: no vocabulary sort.
 */
public final class TypicalLogitsWarper implements LogitsProcessor {

    private final double mass;
    private final int minTokensToKeep;
    private final float[] probs;
    private final float[] keys;
    private final float[] weights;
    private final float[] tokenKeys;
    private final float[] scratch;
    private final MassThreshold select;

    /**
     * @param mass the probability mass to keep, in (0, 1]; 1 keeps everything
     * @param minTokensToKeep lower bound on the kept count
     * @param vocabSize the vocabulary size
     */
    public TypicalLogitsWarper(double mass, int minTokensToKeep, int vocabSize) {
        if (!(mass > 0 && mass <= 1)) {
            throw new IllegalArgumentException("typical_p (typicalP) = " + mass + ": must be in (0, 1]");
        }
        this.mass = mass;
        this.minTokensToKeep = minTokensToKeep;
        this.probs = new float[vocabSize];
        this.keys = new float[vocabSize];
        this.weights = new float[vocabSize];
        this.tokenKeys = new float[vocabSize];
        this.scratch = new float[vocabSize];
        this.select = new MassThreshold(vocabSize);
    }

    @Override
    public void process(int[] tokens, int length, float[] scores, int vocabSize) {
        if (mass >= 1.0) {
            return;
        }
        float lse = LogitsMath.logSumExp(scores, vocabSize, probs, scratch);
        LogitsMath.exp(scores, vocabSize, lse, probs);
        double entropy = 0;
        for (int i = 0; i < vocabSize; i++) {
            float s = scores[i];
            if (s != Float.NEGATIVE_INFINITY) {
                entropy -= probs[i] * (double) (s - lse);
            }
        }
        float ent = (float) entropy;
        int n = 0;
        for (int i = 0; i < vocabSize; i++) {
            float s = scores[i];
            if (s == Float.NEGATIVE_INFINITY) {
                tokenKeys[i] = Float.POSITIVE_INFINITY;
            } else {
                float key = Math.abs(-(s - lse) - ent);
                tokenKeys[i] = key;
                keys[n] = key;
                weights[n] = probs[i];
                n++;
            }
        }
        float cut = select.threshold(keys, weights, n, mass);
        if (minTokensToKeep > 1 && n > 0) {
            // The minTokensToKeep-th smallest key, via the largest of the negated keys.
            for (int i = 0; i < vocabSize; i++) {
                keys[i] = -tokenKeys[i];
            }
            cut = Math.max(cut, -LogitsMath.kthLargest(keys, vocabSize, Math.min(minTokensToKeep, vocabSize), scratch));
        }
        for (int i = 0; i < vocabSize; i++) {
            if (tokenKeys[i] > cut) {
                scores[i] = Float.NEGATIVE_INFINITY;
            }
        }
    }
}
