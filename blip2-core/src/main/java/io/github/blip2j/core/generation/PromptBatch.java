package io.github.blip2j.core.generation;

import java.util.Arrays;
import java.util.List;

/**
 * Prompt token ids for a batch of images, already padded to one length, with their attention mask.
 * T5 prompts are right-padded (as the T5 tokenizer pads); OPT prompts are left-padded, so that the
 * last position of every row is a real token.
 *
 * @param inputIds {@code [B][L]} token ids
 * @param attentionMask {@code [B][L]}: 1 for a token, 0 for padding
 */
public record PromptBatch(long[][] inputIds, int[][] attentionMask) {

    /** Validates that ids and mask are rectangular, equally shaped, and the mask is 0/1. */
    public PromptBatch {
        if (inputIds.length == 0) {
            throw new IllegalArgumentException("inputIds: at least one row is required");
        }
        if (attentionMask.length != inputIds.length) {
            throw new IllegalArgumentException("attentionMask: " + attentionMask.length + " rows, inputIds has "
                    + inputIds.length);
        }
        int len = inputIds[0].length;
        for (int r = 0; r < inputIds.length; r++) {
            if (inputIds[r].length != len || attentionMask[r].length != len) {
                throw new IllegalArgumentException("row " + r + ": inputIds has " + inputIds[r].length
                        + " and attentionMask " + attentionMask[r].length + " positions, expected " + len);
            }
            for (int j = 0; j < len; j++) {
                if (attentionMask[r][j] != 0 && attentionMask[r][j] != 1) {
                    throw new IllegalArgumentException("attentionMask[" + r + "][" + j + "] = "
                            + attentionMask[r][j] + ", expected 0 or 1");
                }
            }
        }
        inputIds = Arrays.stream(inputIds).map(long[]::clone).toArray(long[][]::new);
        attentionMask = Arrays.stream(attentionMask).map(int[]::clone).toArray(int[][]::new);
    }

    /** An all-ones mask for equally long prompts. */
    public static PromptBatch of(long[][] inputIds) {
        int[][] mask = new int[inputIds.length][];
        for (int r = 0; r < inputIds.length; r++) {
            mask[r] = new int[inputIds[r].length];
            Arrays.fill(mask[r], 1);
        }
        return new PromptBatch(inputIds, mask);
    }

    /**
     * Pads prompts of different lengths.
     *
     * @param prompts one id sequence per image (each non-empty)
     * @param padId the pad token id
     * @param left pad on the left (OPT) instead of the right (T5)
     */
    public static PromptBatch pad(List<long[]> prompts, long padId, boolean left) {
        int len = 0;
        for (int i = 0; i < prompts.size(); i++) {
            if (prompts.get(i).length == 0) {
                throw new IllegalArgumentException("prompt " + i + " is empty");
            }
            len = Math.max(len, prompts.get(i).length);
        }
        long[][] ids = new long[prompts.size()][len];
        int[][] mask = new int[prompts.size()][len];
        for (int r = 0; r < prompts.size(); r++) {
            long[] p = prompts.get(r);
            int offset = left ? len - p.length : 0;
            Arrays.fill(ids[r], padId);
            System.arraycopy(p, 0, ids[r], offset, p.length);
            Arrays.fill(mask[r], offset, offset + p.length, 1);
        }
        return new PromptBatch(ids, mask);
    }

    /** Number of rows (images). */
    public int size() {
        return inputIds.length;
    }

    /** Padded length. */
    public int length() {
        return inputIds[0].length;
    }
}
