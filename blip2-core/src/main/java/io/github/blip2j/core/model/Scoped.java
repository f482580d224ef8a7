package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;

/**
 * Keeps results in the caller's manager. A DJL op attaches its result to its FIRST input's manager,
 * so an op that must start from a weight (broadcasting a class token, gathering table rows) would
 * otherwise leak into the model's long-lived manager.
 */
final class Scoped {

    private Scoped() {}

    /** Moves {@code result} into {@code like}'s manager and returns it. */
    static NDArray like(NDArray result, NDArray like) {
        if (result.getManager() != like.getManager()) {
            result.attach(like.getManager());
        }
        return result;
    }
}
