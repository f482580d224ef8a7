package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * {@code y = x W^T + b} with the kernel orientation that suits the shape. For a few rows against a
 * weight far larger than the caches (the lm_head, or a multi-billion-parameter FFN) at a decoding
 * step, libtorch's CPU GEMM packs the whole weight on every call and runs 3-5x slower than
 * computing {@code (W x^T)^T}, which streams the weight once. Everything else uses the fused linear.
 */
final class LinearOps {

    /** At most this many rows take the streaming path. */
    static final long MAX_SKINNY_ROWS = 64;
    /** Weights of at least this many values (16 MB in float32) take the streaming path. */
    static final long MIN_SKINNY_WEIGHT = 4L << 20;

    private LinearOps() {}

    /** {@code x (..., in)} times {@code weight (out, in)} plus optional {@code bias (out)}; result in x's manager. */
    static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        Shape s = x.getShape();
        long in = s.get(s.dimension() - 1);
        long rows = s.size() / Math.max(in, 1);
        if (rows > MAX_SKINNY_ROWS || weight.getShape().size() < MIN_SKINNY_WEIGHT) {
            return x.getNDArrayInternal().linear(x, weight, bias).singletonOrThrow();
        }
        long out = weight.getShape().get(0);
        NDArray columns = x.reshape(rows, in).transpose();
        // The product starts from the weight, so it is created in the weight's manager: move it out at once.
        NDArray product = Scoped.like(weight.matMul(columns), x);
        NDArray y = product.transpose();
        if (bias != null) {
            y = y.add(bias);
        }
        long[] dims = s.getShape().clone();
        dims[dims.length - 1] = out;
        return y.reshape(dims);
    }
}
