package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import io.github.blip2j.core.config.QFormerConfig;

/**
 * One Q-Former layer over the query tokens ({@code Blip2QFormerLayer}): self-attention, then
 * cross-attention to the image when {@code layer % cross_attention_frequency == 0}, then the
 * query-side feed-forward {@code LN(output_query.dense(act(intermediate_query.dense(x))) + x)}.
 */
public final class QFormerLayer {

    private final QFormerAttention attention;
    private final QFormerAttention crossAttention;
    private final Dense intermediate;
    private final Dense output;
    private final LayerNormalization outputLayerNorm;
    private final QFormerConfig config;
    private final RunMode mode;

    public QFormerLayer(ParameterScope scope, QFormerConfig config, int index, RunMode mode) {
        this.attention = new QFormerAttention(scope.child("attention"), config, false, mode);
        this.crossAttention = config.hasCrossAttention(index)
                ? new QFormerAttention(scope.child("crossattention"), config, true, mode)
                : null;
        this.intermediate = new Dense(scope.child("intermediate_query.dense"), config.hiddenSize(),
                config.intermediateSize(), true);
        this.output = new Dense(scope.child("output_query.dense"), config.intermediateSize(),
                config.hiddenSize(), true);
        this.outputLayerNorm = new LayerNormalization(scope.child("output_query.LayerNorm"), config.hiddenSize(),
                config.layerNormEps(), true);
        this.config = config;
        this.mode = mode;
    }

    /** @return {@code (B, Q, D)} */
    public NDArray forward(NDArray queries, NDArray image) {
        NDArray h = attention.forward(queries, queries);
        if (crossAttention != null) {
            h = crossAttention.forward(h, image);
        }
        NDArray ffn = output.forward(Activations.apply(config.hiddenAct(), intermediate.forward(h)));
        ffn = Dropouts.apply(ffn, config.hiddenDropoutProb(), mode);
        return outputLayerNorm.forward(ffn.add(h));
    }
}
