package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import io.github.blip2j.core.config.Activation;
import io.github.blip2j.core.config.VisionConfig;

/** ViT feed-forward ({@code Blip2MLP}): {@code fc2(act(fc1(x)))}. */
public final class VisionMlp {

    private final Dense fc1;
    private final Dense fc2;
    private final Activation act;

    public VisionMlp(ParameterScope scope, VisionConfig config) {
        this.fc1 = new Dense(scope.child("fc1"), config.hiddenSize(), config.intermediateSize(), true);
        this.fc2 = new Dense(scope.child("fc2"), config.intermediateSize(), config.hiddenSize(), true);
        this.act = config.hiddenAct();
    }

    /** {@code (B, T, D) -> (B, T, D)}. */
    public NDArray forward(NDArray x) {
        return fc2.forward(Activations.apply(act, fc1.forward(x)));
    }
}
