package io.github.blip2j.decoding.processors;

/**
 * HF {@code min_new_tokens} ({@code MinNewTokensLengthLogitsProcessor}): every eos id gets -inf
 * while fewer than {@code minNewTokens} tokens follow the prompt (here, the one leading token).
 */
public final class MinNewTokensLogitsProcessor implements LogitsProcessor {

    private final int promptLength;
    private final int minNewTokens;
    private final int[] eosTokenIds;

    /**
     * @param promptLength decoder tokens that do not count as new (1: the leading token)
     * @param minNewTokens the minimum number of new tokens
     * @param eosTokenIds the end-of-sequence ids to hold back
     */
    public MinNewTokensLogitsProcessor(int promptLength, int minNewTokens, int[] eosTokenIds) {
        this.promptLength = promptLength;
        this.minNewTokens = minNewTokens;
        this.eosTokenIds = eosTokenIds.clone();
    }

    @Override
    public void process(int[] tokens, int length, float[] scores, int vocabSize) {
        if (length - promptLength < minNewTokens) {
            for (int eos : eosTokenIds) {
                scores[eos] = Float.NEGATIVE_INFINITY;
            }
        }
    }
}
