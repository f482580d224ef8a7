package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import io.github.blip2j.core.config.VisionConfig;
import java.util.ArrayList;
import java.util.List;

/** The BLIP-2 image encoder ({@code Blip2VisionModel}): patch embedding, pre-LN layers, post-LayerNorm. */
public final class VisionTransformer {

    private final PatchEmbedding embeddings;
    private final List<VisionLayer> layers = new ArrayList<>();
    private final LayerNormalization postLayerNorm;

    /** @param scope normally {@code vision_model} */
    public VisionTransformer(ParameterScope scope, VisionConfig config) {
        this.embeddings = new PatchEmbedding(scope.child("embeddings"), config);
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            layers.add(new VisionLayer(scope.child("encoder.layers", i), config));
        }
        this.postLayerNorm = new LayerNormalization(scope.child("post_layernorm"), config.hiddenSize(),
                config.layerNormEps(), true);
    }

    /** Runs the tower; every result lives in {@code pixelValues}' manager. */
    public VisionOutput forward(NDArray pixelValues) {
        NDArray h = embeddings.forward(pixelValues);
        for (VisionLayer layer : layers) {
            h = layer.forward(h);
        }
        NDArray last = postLayerNorm.forward(h);
        NDArray pooled = postLayerNorm.forward(last.get(":, 0, :"));
        return new VisionOutput(last, pooled);
    }
}
