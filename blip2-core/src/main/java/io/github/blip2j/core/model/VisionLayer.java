package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import io.github.blip2j.core.config.VisionConfig;

/** One pre-LN ViT layer: {@code x += attn(LN1(x))}, then {@code x += mlp(LN2(x))}. */
public final class VisionLayer {

    private final LayerNormalization layerNorm1;
    private final VisionAttention selfAttn;
    private final LayerNormalization layerNorm2;
    private final VisionMlp mlp;

    public VisionLayer(ParameterScope scope, VisionConfig config) {
        this.selfAttn = new VisionAttention(scope.child("self_attn"), config);
        this.layerNorm1 = new LayerNormalization(scope.child("layer_norm1"), config.hiddenSize(),
                config.layerNormEps(), true);
        this.mlp = new VisionMlp(scope.child("mlp"), config);
        this.layerNorm2 = new LayerNormalization(scope.child("layer_norm2"), config.hiddenSize(),
                config.layerNormEps(), true);
    }

    /** {@code (B, T, D) -> (B, T, D)}. */
    public NDArray forward(NDArray x) {
        NDArray h = x.add(selfAttn.forward(layerNorm1.forward(x)));
        return h.add(mlp.forward(layerNorm2.forward(h)));
    }
}
