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
     * @param logits output, {@code lastTokens.length * vocabSize()} floats, row-major; the model writes
     *     raw (unprocessed) next-token logits for each row
     */
    void nextLogits(int[] lastTokens, float[] logits);

    /**
     * Rearranges the live rows: after this call, row {@code r} holds what row {@code rows[r]} held
     * before. Indices may repeat (beam expansion and selection) and may be left out (finished rows
     * dropped), so the model must gather its cached state accordingly. Called between steps, and once
     * before the first step when a strategy needs more rows than the batch (beam search, several
     * returned sequences).
     *
     * @param rows source row for each new row
     */
    void selectRows(int[] rows);
}
