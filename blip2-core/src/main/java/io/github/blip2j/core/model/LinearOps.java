package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * {@code y = x W^T + b} with the kernel orientation that suits the shape. A decoding step multiplies
 * a few rows by weights far larger than the caches, so it is bound by how fast the weight streams
 * from memory, and libtorch's CPU BLAS streams very differently by layout (mid-size benchmark model,
 * 32128 x 512 lm_head, 1 thread):
 * <ul>
 *   <li>one row: {@code x (W^T contiguous)} ~4-6 ms, the fused linear and {@code W x^T} ~9-12 ms;
 *       so one-row products with a large weight use the parameter's contiguous transposed copy
 *       ({@link ModelParameter#transposedBlocks});
 *   <li>2-64 rows: the fused linear packs the whole weight on every call and runs 2-3x slower than
 *       {@code (W x^T)^T}, which streams it once;
 *   <li>everything else (small weights, many rows): the fused linear.
 * </ul>
 */
final class LinearOps {

    /** At most this many rows take the streaming path. */
    static final long MAX_SKINNY_ROWS = 64;
    /** Weights of at least this many values (16 MB in float32) take the streaming path. */
    static final long MIN_SKINNY_WEIGHT = 4L << 20;

    private LinearOps() {}

    /**
     * The output head {@code x (..., in)} times the parameter's {@code (vocab, in)} weight, no bias;
     * result in x's manager. A single row times a large frozen weight streams the parameter's
     * contiguous transposed copy ({@link ModelParameter#transposedBlocks}): one more copy of the head
     * in memory (vocab x hidden values, made on first use) for a decoding step ~15% faster at batch 1.
     * With {@code threads > 1} the copy is cut into that many column blocks, multiplied as one batched
     * product on that many intra-op threads: one core does not saturate the memory bus (mid-size
     * model's 32128 x 512 head, 2 cores: ~15 GB/s as one product, ~22 GB/s as two blocks). Only the
     * head takes this path, so the extra memory stays bounded by one weight however large the model.
     *
     * @param threads intra-op threads for a one-row product (the caller's count is restored after)
     */
    static NDArray head(NDArray x, ModelParameter weight, int threads) {
        NDArray w = weight.array();
        Shape s = x.getShape();
        long in = s.get(s.dimension() - 1);
        if (s.size() == in && w.getShape().size() >= MIN_SKINNY_WEIGHT) {
            NDArray blocks = weight.transposedBlocks(threads);
            if (blocks != null) {
                if (threads == 1) {
                    return x.matMul(blocks);
                }
                long out = w.getShape().get(0);
                long[] dims = s.getShape().clone();
                dims[dims.length - 1] = out;
                NDArray y = IntraOpThreads.with(threads, () -> x.reshape(1, 1, in).matMul(blocks));
                NDArray flat = y.reshape(y.getShape().size());
                if (flat.getShape().get(0) != out) {
                    flat = flat.get(new NDIndex().addSliceDim(0, out));
                }
                return flat.reshape(dims);
            }
        }
        return linear(x, w, null);
    }

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
