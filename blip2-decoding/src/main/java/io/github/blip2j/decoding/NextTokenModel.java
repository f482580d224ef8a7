package io.github.blip2j.decoding;

/**
 * What a language model implements once so that every decoding strategy can drive it.
 *
 * <p>The model owns its state (KV cache, encoder outputs, attention masks) and keeps it wherever it
 * likes, typically on the device; the strategy only ever sees one step's logits as a flat float array
 * and tells the model which rows survive. Rows are batch-major: with {@code k} beams, row
 * {@code b * k + j} is beam {@code j} of batch item {@code b}.
 */
public interface NextTokenModel {

    /** Size of the vocabulary, i.e. the width of one row of logits. */
    int vocabSize();

    /**
     * Runs one decoding step for every live row.
     *
     * @param lastTokens the token appended to each live row at the previous step; on the first call,
     *     the leading token of each row (decoder start / bos). Its length is the number of live rows.
     * @param logits output; the model writes raw (unprocessed) next-token logits for each row into its
     *     first {@code lastTokens.length * vocabSize()} floats, row-major (the array may be longer: it
     *     is allocated once for the largest row count)
     */
    void nextLogits(int[] lastTokens, float[] logits);

    /**
     * Optional fast path for strategies that need log-probabilities (beam search): like
     * {@link #nextLogits}, and may also write each row's {@code log(sum(exp(logits)))} so that the
     * strategy need not compute it on the CPU. A runtime that keeps logits on a device can compute it
     * there ({@code logsumexp} over the vocabulary, float32) and return true.
     *
     * <p>The default calls {@link #nextLogits} and returns false; the strategy then computes the
     * log-sum-exp itself. Overriding is never required for correctness.
     *
     * @param lastTokens as for {@link #nextLogits}
     * @param logits as for {@link #nextLogits}
     * @param logSumExp output, one value per live row, written only when this returns true
     * @return whether {@code logSumExp} was written
     */
    default boolean nextLogitsAndLogSumExp(int[] lastTokens, float[] logits, float[] logSumExp) {
        nextLogits(lastTokens, logits);
        return false;
    }

    /**
     * Rearranges the live rows: after this call, row {@code r} holds what row {@code rows[r]} held
     * before. Indices may repeat (beam expansion and selection) and may be left out (finished rows
     * dropped), so the model must gather its cached state accordingly. Called only between steps
     * (never when the order is unchanged). The first step always runs on one row per batch item;
     * strategies that need more rows (beam search, several returned sequences) expand them with
     * their first call, e.g. {@code [0, 0, 0, 1, 1, 1]} for three beams of two items.
     *
     * @param rows source row for each new row
     */
    void selectRows(int[] rows);
}
