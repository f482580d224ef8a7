package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Additive attention masks as Hugging Face builds them: 0 where attention is allowed and the most
 * negative finite value of the compute type ({@code torch.finfo(dtype).min}) where it is not.
 */
public final class MaskBias {

    private MaskBias() {}

    /** {@code torch.finfo(type).min} for a floating compute type. */
    public static float min(DataType type) {
        return switch (type) {
            case FLOAT16 -> -65504f;
            case FLOAT32, FLOAT64 -> -Float.MAX_VALUE;
            default -> throw new IllegalArgumentException("not a floating compute type: " + type);
        };
    }

    /**
     * A padding mask {@code (B, S)} of 1 (attend) / 0 (ignore) as the bias {@code (B, 1, 1, S)} of
     * {@code type}, in {@code mask}'s manager.
     */
    public static NDArray padding(NDArray mask, DataType type) {
        long b = mask.getShape().get(0);
        long s = mask.getShape().get(1);
        NDArray m = mask.toType(type, false);
        return m.mul(-1).add(1).mul(min(type)).reshape(b, 1, 1, s);
    }

    /**
     * The causal bias {@code (1, 1, T, P + T)} for {@code T} new queries after {@code past} cached
     * positions: query {@code i} may see keys {@code 0 .. past + i}.
     *
     * @param like an array whose manager and device the result takes
     */
    public static NDArray causal(NDArray like, int queryLen, int past, DataType type) {
        int keyLen = past + queryLen;
        float[] v = new float[queryLen * keyLen];
        float min = min(type);
        for (int i = 0; i < queryLen; i++) {
            for (int j = past + i + 1; j < keyLen; j++) {
                v[i * keyLen + j] = min;
            }
        }
        NDArray out = like.getManager().create(v).reshape(1, 1, queryLen, keyLen);
        return out.toDevice(like.getDevice(), false).toType(type, false);
    }
}
