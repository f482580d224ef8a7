package io.github.blip2j.core.train;

import java.util.Arrays;

/**
 * One micro-batch ready for the model, as plain Java arrays (no native memory until a step runs it).
 *
 * @param pixels preprocessed images, {@code B x 3 x H x W} floats, image after image
 * @param height image height H
 * @param width image width W
 * @param inputIds prompt ids {@code [B][L]} (T5: encoder input; OPT: prompt + caption)
 * @param attentionMask {@code [B][L]} 1 for tokens, 0 for padding
 * @param labels {@code [B][T]} target ids, -100 where no loss is taken (T5: the caption; OPT: aligned
 *     with {@code inputIds})
 * @param tokens number of label positions that count in the loss
 */
public record TrainingBatch(float[] pixels, int height, int width, long[][] inputIds, long[][] attentionMask,
                            long[][] labels, int tokens) {

    /** Validates that the parts agree on the batch size. */
    public TrainingBatch {
        int b = inputIds.length;
        if (b == 0) {
            throw new IllegalArgumentException("a training batch needs at least one example");
        }
        if (attentionMask.length != b || labels.length != b) {
            throw new IllegalArgumentException("batch parts disagree: " + b + " input rows, " + attentionMask.length
                    + " mask rows, " + labels.length + " label rows");
        }
        if ((long) b * 3 * height * width != pixels.length) {
            throw new IllegalArgumentException("pixels: expected " + b + " x 3 x " + height + " x " + width + " = "
                    + ((long) b * 3 * height * width) + " floats, got " + pixels.length);
        }
    }

    /** Number of examples. */
    public int size() {
        return inputIds.length;
    }

    /** The ids flattened row-major, for a {@code (B, L)} array. */
    static long[] flat(long[][] rows) {
        return Arrays.stream(rows).flatMapToLong(Arrays::stream).toArray();
    }
}
