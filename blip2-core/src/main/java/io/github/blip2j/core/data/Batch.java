package io.github.blip2j.core.data;

import java.util.List;

/**
 * A batch of items with their preprocessed images, as produced by {@link ImageBatchLoader}.
 * The pixel arrays may be shared with the loader's cache: read them, do not modify them.
 *
 * @param epoch  the epoch the batch belongs to
 * @param index  its position in the epoch's plan (stable across runs with the same seed, so a
 *               resumed run can start at the batch after the last one it finished)
 * @param items  the items, in plan order; under {@link BadRowPolicy#SKIP} items whose image could
 *               not be decoded are left out, so a batch can be smaller than the batch size
 * @param pixels one preprocessed image per item, same order
 */
public record Batch<T>(int epoch, int index, List<T> items, List<float[]> pixels) {

    public Batch {
        items = List.copyOf(items);
        pixels = List.copyOf(pixels);
        if (items.size() != pixels.size()) {
            throw new IllegalArgumentException("batch has " + items.size() + " items but " + pixels.size() + " images");
        }
    }

    public int size() {
        return items.size();
    }

    /** All images one after the other ({@code size * imageLength} floats), e.g. for an NCHW tensor. */
    public float[] stacked() {
        if (pixels.isEmpty()) {
            return new float[0];
        }
        int len = pixels.get(0).length;
        float[] out = new float[len * pixels.size()];
        for (int i = 0; i < pixels.size(); i++) {
            float[] p = pixels.get(i);
            if (p.length != len) {
                throw new IllegalStateException("batch " + index + ": image " + i + " has " + p.length
                        + " values, image 0 has " + len + "; the preprocessor must return a fixed size");
            }
            System.arraycopy(p, 0, out, i * len, len);
        }
        return out;
    }
}
