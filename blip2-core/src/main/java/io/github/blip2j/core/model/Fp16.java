package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Hugging Face T5's half-precision guard: if a residual stream overflowed, clamp it to finite values. */
final class Fp16 {

    private static final float CLAMP = 65504f - 1000f;

    private Fp16() {}

    static NDArray clampIfInf(NDArray x) {
        if (x.getDataType() != DataType.FLOAT16) {
            return x;
        }
        if (x.isInfinite().any().getBoolean()) {
            return x.clip(-CLAMP, CLAMP);
        }
        return x;
    }
}
