package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;

/** Dropout that is the identity outside training mode. */
final class Dropouts {

    private Dropouts() {}

    static NDArray apply(NDArray x, double rate, RunMode mode) {
        if (rate <= 0 || !mode.isTraining()) {
            return x;
        }
        return x.getNDArrayInternal().dropout(x, (float) rate, true).singletonOrThrow();
    }
}
