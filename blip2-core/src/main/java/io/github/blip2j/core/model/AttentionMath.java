package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** The head reshapes and the scaled-dot-product core shared by every attention variant. */
final class AttentionMath {

    private AttentionMath() {}

    /**
     * {@code (B, T, H*d)} to {@code (B, H, T, d)}. With one position (a decoding step) this is a plain
     * reshape, which saves an op per projection on the hot path.
     */
    static NDArray splitHeads(NDArray x, int heads, int headDim) {
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        if (t == 1) {
            return x.reshape(b, heads, 1, headDim);
        }
        return x.reshape(b, t, heads, headDim).transpose(0, 2, 1, 3);
    }

    /** {@code (B, T, H*d)} to transposed keys {@code (B, H, d, T)}; a reshape for one position. */
    static NDArray splitHeadsTransposed(NDArray x, int heads, int headDim) {
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        if (t == 1) {
            return x.reshape(b, heads, headDim, 1);
        }
        return x.reshape(b, t, heads, headDim).transpose(0, 2, 3, 1);
    }

    /** {@code (B, H, T, d)} to {@code (B, T, H*d)}. */
    static NDArray mergeHeads(NDArray x) {
        long b = x.getShape().get(0);
        long h = x.getShape().get(1);
        long t = x.getShape().get(2);
        long d = x.getShape().get(3);
        if (t == 1) {
            return x.reshape(b, 1, h * d);
        }
        return x.transpose(0, 2, 1, 3).reshape(b, t, h * d);
    }

    /** {@code q k^T} from transposed keys: {@code (B, H, Tq, d) x (B, H, d, Tk) -> (B, H, Tq, Tk)}. */
    static NDArray scores(NDArray q, NDArray keysTransposed) {
        return q.matMul(keysTransposed);
    }

    /**
     * Softmax over the last axis. Half-precision scores are normalised in float32 and cast back, as
     * Hugging Face's T5 and OPT do.
     */
    static NDArray softmax(NDArray scores) {
        if (scores.getDataType() == DataType.FLOAT16) {
            return scores.toType(DataType.FLOAT32, false).softmax(-1).toType(DataType.FLOAT16, false);
        }
        return scores.softmax(-1);
    }
}
