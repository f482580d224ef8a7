package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import io.github.blip2j.core.config.T5Config;

/** One T5 encoder block: {@code x += SelfAttention(RMS(x))}, then {@code x += FFN(RMS(x))}. */
public final class T5EncoderLayer {

    private final RmsNorm selfNorm;
    private final T5Attention selfAttention;
    private final RmsNorm ffnNorm;
    private final GatedFfn ffn;
    private final double dropout;
    private final RunMode mode;

    /** @param scope {@code language_model.encoder.block.N} */
    public T5EncoderLayer(ParameterScope scope, T5Config config, RunMode mode) {
        this.selfAttention = new T5Attention(scope.child("layer.0.SelfAttention"), config, mode);
        this.selfNorm = new RmsNorm(scope.child("layer.0.layer_norm"), config.dModel(), config.layerNormEpsilon());
        this.ffn = new GatedFfn(scope.child("layer.1.DenseReluDense"), config, mode);
        this.ffnNorm = new RmsNorm(scope.child("layer.1.layer_norm"), config.dModel(), config.layerNormEpsilon());
        this.dropout = config.dropoutRate();
        this.mode = mode;
    }

    /** @param bias position bias plus padding mask, {@code (B, H, S, S)} */
    public NDArray forward(NDArray x, NDArray bias) {
        NDArray attn = selfAttention.selfAttention(selfNorm.forward(x), bias, null).output();
        NDArray h = Fp16.clampIfInf(x.add(Dropouts.apply(attn, dropout, mode)));
        return Fp16.clampIfInf(h.add(Dropouts.apply(ffn.forward(ffnNorm.forward(h)), dropout, mode)));
    }
}
