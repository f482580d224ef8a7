package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import io.github.blip2j.core.config.T5Config;

/**
 * T5's feed-forward ({@code DenseReluDense}): gated {@code wo(act(wi_0 x) * wi_1 x)} as in Flan-T5,
 * or plain {@code wo(act(wi x))} when {@code is_gated_act} is false. No biases.
 */
public final class GatedFfn {

    private final Dense wi0;
    private final Dense wi1;
    private final Dense wo;
    private final T5Config config;
    private final RunMode mode;

    /** @param scope {@code ...layer.N.DenseReluDense} */
    public GatedFfn(ParameterScope scope, T5Config config, RunMode mode) {
        if (config.isGatedAct()) {
            this.wi0 = new Dense(scope.child("wi_0"), config.dModel(), config.dFf(), false);
            this.wi1 = new Dense(scope.child("wi_1"), config.dModel(), config.dFf(), false);
        } else {
            this.wi0 = new Dense(scope.child("wi"), config.dModel(), config.dFf(), false);
            this.wi1 = null;
        }
        this.wo = new Dense(scope.child("wo"), config.dFf(), config.dModel(), false);
        this.config = config;
        this.mode = mode;
    }

    Dense wi0() {
        return wi0;
    }

    /** {@code wi_1}, or {@code null} when the feed-forward is not gated. */
    Dense wi1() {
        return wi1;
    }

    Dense wo() {
        return wo;
    }

    /** {@code (B, T, D) -> (B, T, D)}. */
    public NDArray forward(NDArray x) {
        NDArray h = Activations.apply(config.denseActFn(), wi0.forward(x));
        if (wi1 != null) {
            h = h.mul(wi1.forward(x));
        }
        return wo.forward(Dropouts.apply(h, config.dropoutRate(), mode));
    }
}
