package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import io.github.blip2j.core.config.T5Config;

/**
 * One T5 decoder block: causal self-attention (with a KV cache), cross-attention to the encoder
 * output (no position bias, only the encoder padding mask), then the feed-forward; each sub-layer
 * pre-normed with RMS norm and added to the residual.
 */
public final class T5DecoderLayer {

    private final RmsNorm selfNorm;
    private final T5Attention selfAttention;
    private final RmsNorm crossNorm;
    private final T5Attention crossAttention;
    private final RmsNorm ffnNorm;
    private final GatedFfn ffn;
    private final double dropout;
    private final RunMode mode;

    /** @param scope {@code language_model.decoder.block.N} */
    public T5DecoderLayer(ParameterScope scope, T5Config config, RunMode mode) {
        double eps = config.layerNormEpsilon();
        this.selfAttention = new T5Attention(scope.child("layer.0.SelfAttention"), config, mode);
        this.selfNorm = new RmsNorm(scope.child("layer.0.layer_norm"), config.dModel(), eps);
        this.crossAttention = new T5Attention(scope.child("layer.1.EncDecAttention"), config, mode);
        this.crossNorm = new RmsNorm(scope.child("layer.1.layer_norm"), config.dModel(), eps);
        this.ffn = new GatedFfn(scope.child("layer.2.DenseReluDense"), config, mode);
        this.ffnNorm = new RmsNorm(scope.child("layer.2.layer_norm"), config.dModel(), eps);
        this.dropout = config.dropoutRate();
        this.mode = mode;
    }

    RmsNorm selfNorm() {
        return selfNorm;
    }

    T5Attention selfAttention() {
        return selfAttention;
    }

    RmsNorm crossNorm() {
        return crossNorm;
    }

    T5Attention crossAttention() {
        return crossAttention;
    }

    RmsNorm ffnNorm() {
        return ffnNorm;
    }

    GatedFfn ffn() {
        return ffn;
    }

    /** Encoder keys/values for this layer's cross-attention, computed once per image. */
    public KeyValue crossKeyValues(NDArray encoderOutput) {
        return crossAttention.keyValues(encoderOutput);
    }

    /**
     * @param selfBias position bias plus causal mask, {@code (1, H, T, P + T)}
     * @param past this layer's cached self-attention keys/values, or {@code null}
     * @param cross this layer's encoder keys/values
     * @param crossBias encoder padding mask {@code (B, 1, 1, S)}, or {@code null}
     */
    public LayerOutput forward(NDArray x, NDArray selfBias, KeyValue past, KeyValue cross, NDArray crossBias) {
        LayerOutput self = selfAttention.selfAttention(selfNorm.forward(x), selfBias, past);
        NDArray h = Fp16.clampIfInf(x.add(Dropouts.apply(self.output(), dropout, mode)));
        NDArray c = crossAttention.crossAttention(crossNorm.forward(h), cross, crossBias);
        h = Fp16.clampIfInf(h.add(Dropouts.apply(c, dropout, mode)));
        h = Fp16.clampIfInf(h.add(Dropouts.apply(ffn.forward(ffnNorm.forward(h)), dropout, mode)));
        return new LayerOutput(h, self.keyValues());
    }
}
