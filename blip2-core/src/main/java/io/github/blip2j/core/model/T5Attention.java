package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import io.github.blip2j.core.config.T5Config;

/**
 * T5 multi-head attention: bias-free q/k/v {@code (H*d_kv, d_model)} and o {@code (d_model, H*d_kv)},
 * no {@code 1/sqrt(d)} scaling, an additive position-bias-plus-mask, softmax in float32.
 */
public final class T5Attention {

    private final Dense q;
    private final Dense k;
    private final Dense v;
    private final Dense o;
    private final int heads;
    private final int dKv;
    private final double dropout;
    private final RunMode mode;

    public T5Attention(ParameterScope scope, T5Config config, RunMode mode) {
        int inner = config.innerDim();
        this.q = new Dense(scope.child("q"), config.dModel(), inner, false);
        this.k = new Dense(scope.child("k"), config.dModel(), inner, false);
        this.v = new Dense(scope.child("v"), config.dModel(), inner, false);
        this.o = new Dense(scope.child("o"), inner, config.dModel(), false);
        this.heads = config.numHeads();
        this.dKv = config.dKv();
        this.dropout = config.dropoutRate();
        this.mode = mode;
    }

    /** Keys {@code (B, H, d_kv, S)} and values {@code (B, H, S, d_kv)} of {@code source} {@code (B, S, D)}. */
    public KeyValue keyValues(NDArray source) {
        return new KeyValue(AttentionMath.splitHeadsTransposed(k.forward(source), heads, dKv),
                AttentionMath.splitHeads(v.forward(source), heads, dKv));
    }

    /**
     * Self-attention over {@code x}, appending its keys/values to {@code past} when given.
     *
     * @param bias position bias plus additive mask, broadcastable to {@code (B, H, Tq, P + Tq)}
     * @param past cached keys/values of earlier positions, or {@code null}
     * @return the output and the full keys/values (past + new), for the cache
     */
    public LayerOutput selfAttention(NDArray x, NDArray bias, KeyValue past) {
        KeyValue kv = keyValues(x);
        if (past != null) {
            kv = past.append(kv);
        }
        return new LayerOutput(attend(x, kv, bias), kv);
    }

    /** Cross-attention from {@code x} to precomputed encoder keys/values, with the encoder mask. */
    public NDArray crossAttention(NDArray x, KeyValue encoder, NDArray maskBias) {
        return attend(x, encoder, maskBias);
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

    Dense o() {
        return o;
    }

    private NDArray attend(NDArray x, KeyValue kv, NDArray bias) {
        NDArray query = AttentionMath.splitHeads(q.forward(x), heads, dKv);
        NDArray scores = AttentionMath.scores(query, kv.keys());
        if (bias != null) {
            scores = scores.add(bias);
        }
        NDArray probs = Dropouts.apply(AttentionMath.softmax(scores), dropout, mode);
        return o.forward(AttentionMath.mergeHeads(probs.matMul(kv.values())));
    }

}
