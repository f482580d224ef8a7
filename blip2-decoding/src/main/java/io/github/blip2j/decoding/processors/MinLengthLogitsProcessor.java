package io.github.blip2j.decoding.processors;

/**
 * HF {@code min_length}: every eos id gets -inf while the row (leading token included) is shorter
 * than {@code minLength}.
 */
public final class MinLengthLogitsProcessor implements LogitsProcessor {

    private final int minLength;
    private final int[] eosTokenIds;

    /**
     * @param minLength the minimum total length, leading token included
     * @param eosTokenIds the end-of-sequence ids to hold back
     */
    public MinLengthLogitsProcessor(int minLength, int[] eosTokenIds) {
        this.minLength = minLength;
        this.eosTokenIds = eosTokenIds.clone();
    }

    @Override
    public void process(int[] tokens, int length, float[] scores, int vocabSize) {
        if (length < minLength) {
            for (int eos : eosTokenIds) {
                scores[eos] = Float.NEGATIVE_INFINITY;
            }
        }
    }
}
