package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.SparseFormat;

/**
 * T5's learned relative position bias. The table {@code (num_buckets, heads)} lives in block 0 of
 * each stack and the resulting {@code (1, H, q, k)} bias is shared by every layer of that stack.
 * The encoder buckets bidirectionally; the decoder's self-attention unidirectionally (future keys
 * fall in bucket 0, and the causal mask hides them).
 */
public final class RelativePositionBias {

    private final ModelParameter table;
    private final boolean bidirectional;
    private final int numBuckets;
    private final int maxDistance;

    public RelativePositionBias(ParameterScope scope, int numBuckets, int maxDistance, int heads,
            boolean bidirectional) {
        this.table = scope.param("weight", ParameterKind.EMBEDDING, numBuckets, heads);
        this.bidirectional = bidirectional;
        this.numBuckets = numBuckets;
        this.maxDistance = maxDistance;
    }

    /** The {@code (num_buckets, heads)} table. */
    ModelParameter table() {
        return table;
    }

    boolean bidirectional() {
        return bidirectional;
    }

    int numBuckets() {
        return numBuckets;
    }

    int maxDistance() {
        return maxDistance;
    }

    /**
     * The bucket of {@code relativePosition = key_position - query_position}, exactly as Hugging
     * Face computes it: the log is taken in float32 on {@code n / max_exact}, divided by
     * {@code log(max_distance / max_exact)} computed in double and rounded to float, then truncated.
     */
    public static int bucket(int relativePosition, boolean bidirectional, int numBuckets, int maxDistance) {
        int buckets = numBuckets;
        int result = 0;
        int n;
        if (bidirectional) {
            buckets /= 2;
            if (relativePosition > 0) {
                result += buckets;
            }
            n = Math.abs(relativePosition);
        } else {
            n = Math.max(-relativePosition, 0);
        }
        int maxExact = buckets / 2;
        if (n < maxExact) {
            return result + n;
        }
        float ratio = (float) n / (float) maxExact;
        float logRatio = (float) Math.log(ratio);
        float logRange = (float) Math.log((double) maxDistance / maxExact);
        float scaled = logRatio / logRange * (float) (buckets - maxExact);
        long large = maxExact + (long) scaled;
        return result + (int) Math.min(large, buckets - 1);
    }

    /**
     * The bias for queries at positions {@code queryStart .. queryStart + queryLen - 1} against keys
     * {@code 0 .. keyLen - 1}.
     *
     * @param like an activation whose manager, device and dtype the result takes
     * @return {@code (1, H, queryLen, keyLen)}
     */
    public NDArray forward(NDArray like, int queryStart, int queryLen, int keyLen) {
        long[] ids = new long[queryLen * keyLen];
        for (int i = 0; i < queryLen; i++) {
            for (int j = 0; j < keyLen; j++) {
                ids[i * keyLen + j] = bucket(j - (queryStart + i), bidirectional, numBuckets, maxDistance);
            }
        }
        NDArray idArray = like.getManager().create(ids).reshape(queryLen, keyLen).toDevice(like.getDevice(), false);
        NDArray values = idArray.getNDArrayInternal()
                .embedding(idArray, table.array(), SparseFormat.DENSE)
                .singletonOrThrow();
        return values.transpose(2, 0, 1).expandDims(0);
    }
}
