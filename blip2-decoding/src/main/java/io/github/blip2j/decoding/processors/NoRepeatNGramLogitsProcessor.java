package io.github.blip2j.decoding.processors;

/**
 * HF {@code no_repeat_ngram_size}: a token gets -inf when, appended to the row, it would complete an
 * n-gram that already occurs in the row (leading token included).
 */
public final class NoRepeatNGramLogitsProcessor implements LogitsProcessor {

    private final int n;

    /** @param n the n-gram size, {@code >= 1} */
    public NoRepeatNGramLogitsProcessor(int n) {
        if (n < 1) {
            throw new IllegalArgumentException(
                    "no_repeat_ngram_size (noRepeatNgramSize) = " + n + ": must be >= 1 (0 disables it)");
        }
        this.n = n;
    }

    @Override
    public void process(int[] tokens, int length, float[] scores, int vocabSize) {
        if (length + 1 < n) {
            return;
        }
        int prefixStart = length - n + 1; // the n-1 most recent tokens
        for (int start = 0; start + n <= length; start++) {
            boolean match = true;
            for (int j = 0; j < n - 1; j++) {
                if (tokens[start + j] != tokens[prefixStart + j]) {
                    match = false;
                    break;
                }
            }
            if (match) {
                scores[tokens[start + n - 1]] = Float.NEGATIVE_INFINITY;
            }
        }
    }
}
