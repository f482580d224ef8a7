package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import io.github.blip2j.core.config.T5Config;
import java.util.ArrayList;
import java.util.List;

/** The T5 encoder stack: bidirectional relative position bias from block 0, blocks, final RMS norm. */
public final class T5Encoder {

    private final RelativePositionBias positionBias;
    private final List<T5EncoderLayer> blocks = new ArrayList<>();
    private final RmsNorm finalNorm;
    private final double dropout;
    private final RunMode mode;

    /** @param scope {@code language_model.encoder} */
    public T5Encoder(ParameterScope scope, T5Config config, RunMode mode) {
        for (int i = 0; i < config.numLayers(); i++) {
            blocks.add(new T5EncoderLayer(scope.child("block", i), config, mode));
        }
        this.positionBias = new RelativePositionBias(
                scope.child("block.0.layer.0.SelfAttention.relative_attention_bias"),
                config.relativeAttentionNumBuckets(), config.relativeAttentionMaxDistance(), config.numHeads(), true);
        this.finalNorm = new RmsNorm(scope.child("final_layer_norm"), config.dModel(), config.layerNormEpsilon());
        this.dropout = config.dropoutRate();
        this.mode = mode;
    }

    /**
     * @param inputsEmbeds {@code (B, S, D)}
     * @param attentionMask {@code (B, S)}, 1 = token, 0 = padding
     * @return {@code (B, S, D)}
     */
    public NDArray forward(NDArray inputsEmbeds, NDArray attentionMask) {
        int s = (int) inputsEmbeds.getShape().get(1);
        NDArray bias = positionBias.forward(inputsEmbeds, 0, s, s)
                .add(MaskBias.padding(attentionMask, inputsEmbeds.getDataType()));
        NDArray h = Dropouts.apply(inputsEmbeds, dropout, mode);
        for (T5EncoderLayer block : blocks) {
            h = block.forward(h, bias);
        }
        return Dropouts.apply(finalNorm.forward(h), dropout, mode);
    }
}
