package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import io.github.blip2j.core.config.OptConfig;

/**
 * OPT self-attention: the query projection (bias included) is scaled by {@code head_dim^-0.5}
 * before {@code QK^T}; the additive mask carries both causality and left padding.
 */
public final class OptAttention {

    private final Dense q;
    private final Dense k;
    private final Dense v;
    private final Dense out;
    private final int heads;
    private final int headDim;
    private final double scaling;
    private final double dropout;
    private final RunMode mode;

    /** @param scope {@code ...layers.N.self_attn} */
    public OptAttention(ParameterScope scope, OptConfig config, RunMode mode) {
        int d = config.hiddenSize();
        boolean bias = config.enableBias();
        this.q = new Dense(scope.child("q_proj"), d, d, bias);
        this.k = new Dense(scope.child("k_proj"), d, d, bias);
        this.v = new Dense(scope.child("v_proj"), d, d, bias);
        this.out = new Dense(scope.child("out_proj"), d, d, bias);
        this.heads = config.numAttentionHeads();
        this.headDim = config.headDim();
        this.scaling = Math.pow(headDim, -0.5);
        this.dropout = config.attentionDropout();
        this.mode = mode;
    }

    /**
     * @param x new positions {@code (B, T, D)}
     * @param maskBias {@code (B, 1, T, P + T)}
     * @param past cached keys/values of length P, or {@code null}
     */
    public LayerOutput forward(NDArray x, NDArray maskBias, KeyValue past) {
        NDArray query = AttentionMath.splitHeads(scaleQuery(q.forward(x)), heads, headDim);
        KeyValue kv = new KeyValue(AttentionMath.splitHeadsTransposed(k.forward(x), heads, headDim),
                AttentionMath.splitHeads(v.forward(x), heads, headDim));
        if (past != null) {
            kv = past.append(kv);
        }
        NDArray scores = AttentionMath.scores(query, kv.keys()).add(maskBias);
        NDArray probs = Dropouts.apply(AttentionMath.softmax(scores), dropout, mode);
        NDArray context = AttentionMath.mergeHeads(probs.matMul(kv.values()));
        return new LayerOutput(out.forward(context), kv);
    }

    Dense q() {
        return q;
    }

    Dense k() {
        return k;
    }

    Dense v() {
        return v;
    }

    Dense out() {
        return out;
    }

    double scaling() {
        return scaling;
    }

    private NDArray scaleQuery(NDArray query) {
        return query.mul(Scalars.constant(query, scaling));
    }
}
