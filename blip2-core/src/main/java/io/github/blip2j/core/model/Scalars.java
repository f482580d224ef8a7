package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;

/**
 * Scalar operands that stay alive as long as the activation they scale.
 *
 * <p>DJL 0.36's {@code NDArray.mul/div/pow(Number)} wraps the number in a tensor over a Java direct
 * buffer and closes it at once, but autograd keeps that tensor for the backward pass: after a garbage
 * collection the backward reads freed memory (seen as Inf/NaN gradients). A scalar made here lives in
 * {@code like}'s manager, i.e. until the forward's scope closes, which is after the backward.
 */
final class Scalars {

    private Scalars() {}

    /** {@code value} as a 0-d array of {@code like}'s dtype, in {@code like}'s manager. */
    static NDArray like(NDArray like, double value) {
        NDArray s = like.getManager().create((float) value);
        return like.getDataType() == s.getDataType() ? s : s.toType(like.getDataType(), false);
    }
}
