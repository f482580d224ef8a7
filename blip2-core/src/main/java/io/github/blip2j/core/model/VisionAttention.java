package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import io.github.blip2j.core.config.VisionConfig;

/**
 * ViT self-attention ({@code Blip2Attention}): one fused {@code qkv} projection whose output splits
 * as {@code (B, T, 3, H, d)} (the 3 before the heads), scores scaled by {@code d^-0.5}, no mask.
 */
public final class VisionAttention {

    private final Dense qkv;
    private final Dense projection;
    private final int heads;
    private final int headDim;
    private final double scale;

    public VisionAttention(ParameterScope scope, VisionConfig config) {
        int d = config.hiddenSize();
        this.qkv = new Dense(scope.child("qkv"), d, 3L * d, config.qkvBias());
        this.projection = new Dense(scope.child("projection"), d, d, true);
        this.heads = config.numAttentionHeads();
        this.headDim = config.headDim();
        this.scale = Math.pow(headDim, -0.5);
    }

    /** {@code (B, T, D) -> (B, T, D)}. */
    public NDArray forward(NDArray x) {
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        NDArray mixed = qkv.forward(x).reshape(b, t, 3, heads, headDim).transpose(2, 0, 3, 1, 4);
        NDArray q = mixed.get(0);
        NDArray k = mixed.get(1);
        NDArray v = mixed.get(2);
        NDArray probs = AttentionMath.softmax(scaleScores(AttentionMath.scores(q, k.transpose(0, 1, 3, 2))));
        return projection.forward(AttentionMath.mergeHeads(probs.matMul(v)));
    }

    private NDArray scaleScores(NDArray scores) {
        return scores.mul(Scalars.constant(scores, scale));
    }
}
