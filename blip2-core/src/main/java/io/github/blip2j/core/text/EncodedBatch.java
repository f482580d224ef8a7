package io.github.blip2j.core.text;

/**
 * A padded batch: {@code ids[b][t]} and {@code attentionMask[b][t]} (1 for a real token, 0 for
 * padding), every row of the same length.
 *
 * @param ids token ids, padded with the tokenizer's pad id
 * @param attentionMask 1 for tokens, 0 for padding
 */
public record EncodedBatch(long[][] ids, long[][] attentionMask) {

    /** Number of rows. */
    public int size() {
        return ids.length;
    }

    /** Row length (0 for an empty batch). */
    public int length() {
        return ids.length == 0 ? 0 : ids[0].length;
    }
}
