package io.github.blip2j.core.train;

import ai.djl.ndarray.NDArray;
import io.github.blip2j.core.model.Blip2Model;

/** The training objective: a float32 scalar from a batch, differentiable under a gradient collector. */
@FunctionalInterface
interface LossFunction {

    /** See {@link Blip2Model#forward}: {@code pixels (B,3,H,W)}, {@code ids}/{@code mask (B,L)}, {@code labels (B,T)}. */
    NDArray loss(NDArray pixels, NDArray ids, NDArray mask, NDArray labels);

    /** {@link Blip2Model#forward}'s loss: every parameter in the model's dtype. */
    static LossFunction of(Blip2Model model) {
        return (pixels, ids, mask, labels) -> model.forward(pixels, ids, mask, labels).loss();
    }
}
