package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import io.github.blip2j.core.config.QFormerConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The Querying Transformer ({@code Blip2QFormerModel} as {@code Blip2ForConditionalGeneration} uses
 * it): the learned {@code query_tokens}, LayerNorm'ed (eps 1e-12 by default) and passed through the
 * layers, which cross-attend to the vision tower's output. There are no word or position embeddings.
 */
public final class QFormer {

    private final ModelParameter queryTokens;
    private final LayerNormalization layerNorm;
    private final List<QFormerLayer> layers = new ArrayList<>();
    private final QFormerConfig config;
    private final RunMode mode;

    /**
     * @param root the model root scope; registers {@code query_tokens} and {@code qformer.*}
     */
    public QFormer(ParameterScope root, QFormerConfig config, int numQueryTokens, RunMode mode) {
        this.queryTokens = root.param("query_tokens", ParameterKind.EMBEDDING, 1, numQueryTokens,
                config.hiddenSize());
        ParameterScope scope = root.child("qformer");
        this.layerNorm = new LayerNormalization(scope.child("layernorm"), config.hiddenSize(),
                config.layerNormEps(), true);
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            layers.add(new QFormerLayer(scope.child("encoder.layer", i), config, i, mode));
        }
        this.config = config;
        this.mode = mode;
    }

    /**
     * @param imageEmbeds the vision tower's last hidden state {@code (B, T, Dv)}
     * @return the query outputs {@code (B, Q, D)}, in {@code imageEmbeds}' manager
     */
    public NDArray forward(NDArray imageEmbeds) {
        long b = imageEmbeds.getShape().get(0);
        Shapes.require(imageEmbeds, "image_embeds", -1, -1, config.encoderHiddenSize());
        NDArray q = queryTokens.array();
        NDArray queries = Scoped.like(q.broadcast(b, q.getShape().get(1), q.getShape().get(2)), imageEmbeds);
        NDArray h = Dropouts.apply(layerNorm.forward(queries), config.hiddenDropoutProb(), mode);
        for (QFormerLayer layer : layers) {
            h = layer.forward(h, imageEmbeds);
        }
        return h;
    }
}
