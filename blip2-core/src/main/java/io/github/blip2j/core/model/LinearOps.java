package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * {@code y = x W^T + b} with the kernel orientation that suits the shape. A decoding step multiplies
 * a few rows by weights far larger than the caches, so it is bound by how fast the weights stream
 * from memory, and libtorch's CPU BLAS streams very differently by shape and thread count
 * (mid-size benchmark model, 2 cores):
 * <ul>
 *   <li>one row: the fused linear streams a weight at ~7 GB/s whatever the intra-op thread count (its
 *       matrix-vector kernel keeps to one core); the same weight as row blocks multiplied as one
 *       batched product streams at ~10-14 GB/s on 2 threads, one block per core
 *       ({@link ModelParameter#rowBlocks}, a view: no copy);
 *   <li>2-64 rows (beams, batches, the 32 query tokens): the same batched product over row blocks,
 *       plus one copy to put the rows first again, beats the fused linear, whose small-row products
 *       hardly use a second thread (T5 encoder at batch 1 ~16% faster, a batch-8 step ~8%);
 *   <li>2-64 rows times a weight of 16 MB or more (the lm_head): {@code (W x^T)^T}, which streams the
 *       weight once, where the fused linear packs all of it on every call and runs 2-3x slower (and
 *       the row blocks above ~10% slower);
 *   <li>everything else (many rows; weights under 512 KB, which stay in the caches and would only
 *       pay for the extra ops): the fused linear.
 * </ul>
 */
final class LinearOps {

    /** At most this many rows take the streaming path. */
    static final long MAX_SKINNY_ROWS = 64;
    /** Weights of at least this many values (16 MB in float32) take the streaming path. */
    static final long MIN_SKINNY_WEIGHT = 4L << 20;
    /**
     * Weights of at least this many values (512 KB in float32) are split across threads for few rows;
     * smaller ones stay in a core's caches (1 MB of L2 here), so splitting them only adds ops.
     */
    static final long MIN_SPLIT_WEIGHT = 1L << 17;

    private LinearOps() {}

    /**
     * Whether {@code rows} rows times a frozen weight of {@code size} values are split into row blocks
     * across the intra-op threads (when there are several and the weight can be split).
     */
    private static boolean splits(long rows, long size) {
        return rows >= 1 && rows <= MAX_SKINNY_ROWS && size >= MIN_SPLIT_WEIGHT && (rows == 1 || size < MIN_SKINNY_WEIGHT);
    }

    /** Whether {@code rows} rows times a weight of {@code size} values are computed as {@code (W x^T)^T}. */
    private static boolean streamsTransposed(long rows, long size) {
        return rows <= MAX_SKINNY_ROWS && size >= MIN_SKINNY_WEIGHT;
    }

    /**
     * {@code x (..., in)} times the parameter's {@code (out, in)} weight plus optional {@code bias
     * (out)}; result in x's manager. Up to {@link #MAX_SKINNY_ROWS} rows times a frozen weight of at
     * least {@link #MIN_SPLIT_WEIGHT} values (and, beyond one row, under {@link #MIN_SKINNY_WEIGHT}),
     * on more than one intra-op thread, are one batched product over the weight's
     * {@link ModelParameter#rowBlocks}: as many blocks as threads (or the largest count below that
     * divides {@code out}), each on its own core. Everything else is
     * {@link #linear(NDArray, NDArray, NDArray)}.
     */
    static NDArray linear(NDArray x, ModelParameter weight, NDArray bias) {
        Shape s = x.getShape();
        long in = s.get(s.dimension() - 1);
        long rows = s.size() / Math.max(in, 1);
        long size = weight.size();
        if (splits(rows, size)) {
            int threads = IntraOpThreads.current();
            NDArray blocks = threads > 1 ? weight.rowBlocks(threads) : null;
            if (blocks != null) {
                long[] dims = s.getShape().clone();
                dims[dims.length - 1] = weight.shape().get(0);
                NDArray y;
                if (rows == 1) {
                    // (1, 1, in) x (ways, in, out / ways) -> (ways, 1, out / ways): the blocks in column order.
                    NDArray row = s.dimension() == 3 ? x : x.reshape(1, 1, in); // already (1, 1, in) in a T5 step
                    y = row.matMul(blocks).reshape(dims);
                } else {
                    // (ways, rows, out / ways) -> (rows, ways, out / ways): one copy puts the rows first again.
                    y = x.reshape(1, rows, in).matMul(blocks).transpose(1, 0, 2).reshape(dims);
                }
                return bias == null ? y : y.add(bias);
            }
        }
        return linear(x, weight.array(), bias);
    }

    /**
     * {@code x (rows, 1, in)} times the parameter's weight, by the same kernel {@link #linear(NDArray,
     * ModelParameter, NDArray)} would choose for {@code threads} intra-op threads (so the same values),
     * but left in the layout that kernel wrote: the reshapes and the copy that put a product back in
     * {@code (rows, out)} order are ops too, and in a decoding step every op after a product runs with
     * the caches it just flushed. For callers that read the product into Java arrays
     * ({@link T5RowDecoder}); result in x's manager.
     */
    static RowProduct rowProduct(NDArray x, ModelParameter weight, int threads) {
        long rows = x.getShape().get(0);
        long in = x.getShape().get(2);
        long size = weight.size();
        if (threads > 1 && splits(rows, size)) {
            NDArray blocks = weight.rowBlocks(threads);
            if (blocks != null) {
                NDArray lhs = rows == 1 ? x : x.reshape(1, rows, in);
                return new RowProduct(lhs.matMul(blocks), RowProduct.Layout.BLOCKS, (int) blocks.getShape().get(0));
            }
        }
        NDArray w = weight.array();
        if (streamsTransposed(rows, size)) {
            NDArray columns = x.reshape(rows, in).transpose();
            return new RowProduct(Scoped.like(w.matMul(columns), x), RowProduct.Layout.COLUMNS, 1);
        }
        return new RowProduct(x.getNDArrayInternal().linear(x, w, null).singletonOrThrow(), RowProduct.Layout.ROWS, 1);
    }

    /** {@code x (..., in)} times {@code weight (out, in)} plus optional {@code bias (out)}; result in x's manager. */
    static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        Shape s = x.getShape();
        long in = s.get(s.dimension() - 1);
        long rows = s.size() / Math.max(in, 1);
        if (!streamsTransposed(rows, weight.getShape().size())) {
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
