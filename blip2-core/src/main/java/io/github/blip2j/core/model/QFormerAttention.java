package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import io.github.blip2j.core.config.QFormerConfig;

/**
 * A Q-Former attention block with its post-LN output ({@code Blip2QFormerAttention}):
 * {@code LN(dense(attn(x, kv)) + x)}. Self-attention takes keys and values from the queries;
 * cross-attention from the image tokens, through Linear(vision width -> hidden). Scores are divided
 * by {@code sqrt(head_dim)}. No mask is needed: every query and every image token is attended.
 */
public final class QFormerAttention {

    private final Dense query;
    private final Dense key;
    private final Dense value;
    private final Dense outputDense;
    private final LayerNormalization outputLayerNorm;
    private final int heads;
    private final int headDim;
    private final double sqrtHeadDim;
    private final QFormerConfig config;
    private final RunMode mode;

    /**
     * @param scope {@code ...layer.N.attention} or {@code ...layer.N.crossattention}
     * @param cross whether keys/values come from the image ({@code encoder_hidden_size} wide)
     */
    public QFormerAttention(ParameterScope scope, QFormerConfig config, boolean cross, RunMode mode) {
        int d = config.hiddenSize();
        int kvIn = cross ? config.encoderHiddenSize() : d;
        ParameterScope self = scope.child("attention");
        this.query = new Dense(self.child("query"), d, d, true);
        this.key = new Dense(self.child("key"), kvIn, d, true);
        this.value = new Dense(self.child("value"), kvIn, d, true);
        ParameterScope out = scope.child("output");
        this.outputDense = new Dense(out.child("dense"), d, d, true);
        this.outputLayerNorm = new LayerNormalization(out.child("LayerNorm"), d, config.layerNormEps(), true);
        this.heads = config.numAttentionHeads();
        this.headDim = config.headDim();
        this.sqrtHeadDim = Math.sqrt(headDim);
        this.config = config;
        this.mode = mode;
    }

    /**
     * @param x the queries {@code (B, Q, D)}
     * @param kv the key/value source: {@code x} itself for self-attention, the image for cross
     */
    public NDArray forward(NDArray x, NDArray kv) {
        NDArray q = AttentionMath.splitHeads(query.forward(x), heads, headDim);
        NDArray k = AttentionMath.splitHeadsTransposed(key.forward(kv), heads, headDim);
        NDArray v = AttentionMath.splitHeads(value.forward(kv), heads, headDim);
        NDArray probs = AttentionMath.softmax(divideScores(AttentionMath.scores(q, k)));
        probs = Dropouts.apply(probs, config.attentionProbsDropoutProb(), mode);
        NDArray context = AttentionMath.mergeHeads(probs.matMul(v));
        NDArray projected = Dropouts.apply(outputDense.forward(context), config.hiddenDropoutProb(), mode);
        return outputLayerNorm.forward(projected.add(x));
    }

    private NDArray divideScores(NDArray scores) {
        return scores.div(Scalars.constant(scores, sqrtHeadDim));
    }
}
