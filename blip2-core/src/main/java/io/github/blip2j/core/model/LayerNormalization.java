package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** LayerNorm over the last axis with optional affine weight and bias ({@code nn.LayerNorm}). */
public final class LayerNormalization {

    private final ModelParameter weight;
    private final ModelParameter bias;
    private final Shape normalizedShape;
    private final float eps;

    /**
     * @param affine whether {@code weight} and {@code bias} exist (OPT's
     *     {@code layer_norm_elementwise_affine})
     */
    public LayerNormalization(ParameterScope scope, long dim, double eps, boolean affine) {
        this.weight = affine ? scope.param("weight", ParameterKind.NORM_WEIGHT, dim) : null;
        this.bias = affine ? scope.param("bias", ParameterKind.NORM_BIAS, dim) : null;
        this.normalizedShape = new Shape(dim);
        this.eps = (float) eps;
    }

    /** The weight, or {@code null} when not affine. */
    ModelParameter weight() {
        return weight;
    }

    /** The bias, or {@code null} when not affine. */
    ModelParameter bias() {
        return bias;
    }

    float eps() {
        return eps;
    }

    /** Normalises {@code x}; the result lives in {@code x}'s manager. */
    public NDArray forward(NDArray x) {
        NDArray gamma;
        NDArray beta;
        if (weight != null) {
            gamma = weight.array();
            beta = bias.array();
        } else {
            long d = normalizedShape.get(0);
            gamma = x.getManager().ones(normalizedShape, x.getDataType(), x.getDevice());
            beta = x.getManager().zeros(new Shape(d), x.getDataType(), x.getDevice());
        }
        return x.getNDArrayInternal().layerNorm(x, normalizedShape, gamma, beta, eps).singletonOrThrow();
    }
}
