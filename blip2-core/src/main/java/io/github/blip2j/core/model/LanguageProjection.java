package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;

/** Linear map from the Q-Former width to the language model's embedding width, applied to every query. */
public final class LanguageProjection {

    private final Dense dense;

    public LanguageProjection(ParameterScope scope, int qformerHidden, int textHidden) {
        this.dense = new Dense(scope, qformerHidden, textHidden, true);
    }

    /** {@code (B, Q, Dq) -> (B, Q, Dt)}. */
    public NDArray forward(NDArray queryOutput) {
        return dense.forward(queryOutput);
    }
}
