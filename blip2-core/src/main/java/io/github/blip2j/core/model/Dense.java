package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;

/** A Linear layer with a Hugging Face {@code (out, in)} weight and optional bias (see {@link LinearOps}). */
public final class Dense {

    private final ModelParameter weight;
    private final ModelParameter bias;

    /**
     * @param scope the layer's own scope (e.g. {@code ...self_attn.qkv}); registers {@code weight}
     *     and, when {@code withBias}, {@code bias}
     */
    public Dense(ParameterScope scope, long in, long out, boolean withBias) {
        this.weight = scope.param("weight", ParameterKind.WEIGHT, out, in);
        this.bias = withBias ? scope.param("bias", ParameterKind.BIAS, out) : null;
    }

    /** {@code x W^T + b} over the last axis; the result lives in {@code x}'s manager. */
    public NDArray forward(NDArray x) {
        NDArray b = bias == null ? null : bias.array();
        return LinearOps.linear(x, weight, b);
    }

    /** The weight parameter. */
    public ModelParameter weight() {
        return weight;
    }

    /** The bias parameter, or {@code null}. */
    public ModelParameter bias() {
        return bias;
    }
}
