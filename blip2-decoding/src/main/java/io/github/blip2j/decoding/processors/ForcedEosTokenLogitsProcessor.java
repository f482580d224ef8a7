package io.github.blip2j.decoding.processors;

import java.util.Arrays;

/**
 * HF {@code forced_eos_token_id}: at the last step allowed by {@code max_length}, every token but
 * the forced eos ids gets -inf and those get 0, so the row ends with eos.
 */
public final class ForcedEosTokenLogitsProcessor implements LogitsProcessor {

    private final int maxLength;
    private final int[] eosTokenIds;

    /**
     * @param maxLength the maximum total length, leading token included
     * @param eosTokenIds the ids to force
     */
    public ForcedEosTokenLogitsProcessor(int maxLength, int[] eosTokenIds) {
        this.maxLength = maxLength;
        this.eosTokenIds = eosTokenIds.clone();
    }

    @Override
    public void process(int[] tokens, int length, float[] scores, int vocabSize) {
        if (length == maxLength - 1) {
            Arrays.fill(scores, 0, vocabSize, Float.NEGATIVE_INFINITY);
            for (int eos : eosTokenIds) {
                scores[eos] = 0f;
            }
        }
    }
}
