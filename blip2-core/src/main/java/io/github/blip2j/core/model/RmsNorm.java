package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * T5's LayerNorm: {@code weight * x / sqrt(mean(x^2) + eps)}, with no mean subtraction and no bias.
 * The variance is computed in float32 whatever the activation type, as Hugging Face does.
 */
public final class RmsNorm {

    private final ModelParameter weight;
    private final double eps;
    /**
     * {@code eps} as a float32 scalar in the weights' manager, created on first use: adding a Java
     * number would create and free a scalar array on every call (19 norms per decoding step).
     */
    private volatile NDArray epsArray;

    public RmsNorm(ParameterScope scope, long dim, double eps) {
        this.weight = scope.param("weight", ParameterKind.NORM_WEIGHT, dim);
        this.eps = eps;
    }

    /** Normalises {@code x} over its last axis; the result lives in {@code x}'s manager. */
    public NDArray forward(NDArray x) {
        DataType type = x.getDataType();
        NDArray x32 = type == DataType.FLOAT32 ? x : x.toType(DataType.FLOAT32, false);
        NDArray variance = x32.square().mean(new int[] {-1}, true);
        NDArray y = x32.div(variance.add(epsilon()).sqrt());
        if (type != DataType.FLOAT32) {
            y = y.toType(type, false);
        }
        return y.mul(weight.array());
    }

    ModelParameter weight() {
        return weight;
    }

    double eps() {
        return eps;
    }

    private NDArray epsilon() {
        NDArray w = weight.array();
        NDArray e = epsArray;
        if (e == null || e.getManager() != w.getManager() || !e.getDevice().equals(w.getDevice())) {
            e = w.getManager().create((float) eps);
            epsArray = e;
        }
        return e;
    }
}
