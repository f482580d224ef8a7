package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import io.github.blip2j.core.config.OptConfig;

/**
 * One OPT decoder layer. Pre-LN ({@code do_layer_norm_before}, every size but 350m):
 * {@code x += attn(LN(x))}, {@code x += fc2(act(fc1(LN(x))))}; post-LN applies the norms after the
 * residual adds instead.
 */
public final class OptDecoderLayer {

    private final LayerNormalization selfAttnLayerNorm;
    private final OptAttention selfAttn;
    private final LayerNormalization finalLayerNorm;
    private final Dense fc1;
    private final Dense fc2;
    private final OptConfig config;
    private final RunMode mode;

    /** @param scope {@code language_model.model.decoder.layers.N} */
    public OptDecoderLayer(ParameterScope scope, OptConfig config, RunMode mode) {
        int d = config.hiddenSize();
        boolean affine = config.layerNormElementwiseAffine();
        this.selfAttn = new OptAttention(scope.child("self_attn"), config, mode);
        this.selfAttnLayerNorm = new LayerNormalization(scope.child("self_attn_layer_norm"), d,
                OptConfig.LAYER_NORM_EPS, affine);
        this.fc1 = new Dense(scope.child("fc1"), d, config.ffnDim(), config.enableBias());
        this.fc2 = new Dense(scope.child("fc2"), config.ffnDim(), d, config.enableBias());
        this.finalLayerNorm = new LayerNormalization(scope.child("final_layer_norm"), d, OptConfig.LAYER_NORM_EPS,
                affine);
        this.config = config;
        this.mode = mode;
    }

    LayerNormalization selfAttnLayerNorm() {
        return selfAttnLayerNorm;
    }

    OptAttention selfAttn() {
        return selfAttn;
    }

    LayerNormalization finalLayerNorm() {
        return finalLayerNorm;
    }

    Dense fc1() {
        return fc1;
    }

    Dense fc2() {
        return fc2;
    }

    /** Same contract as {@link OptAttention#forward}; returns the layer output and its keys/values. */
    public LayerOutput forward(NDArray x, NDArray maskBias, KeyValue past) {
        boolean pre = config.doLayerNormBefore();
        LayerOutput attn = selfAttn.forward(pre ? selfAttnLayerNorm.forward(x) : x, maskBias, past);
        NDArray h = x.add(Dropouts.apply(attn.output(), config.dropout(), mode));
        if (!pre) {
            h = selfAttnLayerNorm.forward(h);
        }
        NDArray f = fc1.forward(pre ? finalLayerNorm.forward(h) : h);
        f = fc2.forward(Activations.apply(config.activationFunction(), f));
        h = h.add(Dropouts.apply(f, config.dropout(), mode));
        if (!pre) {
            h = finalLayerNorm.forward(h);
        }
        return new LayerOutput(h, attn.keyValues());
    }
}
