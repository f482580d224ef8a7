package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import io.github.blip2j.core.config.T5Config;
import java.util.ArrayList;
import java.util.List;

/**
 * The T5 decoder stack: unidirectional relative position bias from block 0 plus the causal mask,
 * blocks with self- and cross-attention, final RMS norm. Runs a whole sequence (teacher forcing) or
 * new positions after a KV cache (generation).
 */
public final class T5Decoder {

    private final RelativePositionBias positionBias;
    private final List<T5DecoderLayer> blocks = new ArrayList<>();
    private final RmsNorm finalNorm;
    private final double dropout;
    private final RunMode mode;

    /** @param scope {@code language_model.decoder} */
    public T5Decoder(ParameterScope scope, T5Config config, RunMode mode) {
        for (int i = 0; i < config.numDecoderLayers(); i++) {
            blocks.add(new T5DecoderLayer(scope.child("block", i), config, mode));
        }
        this.positionBias = new RelativePositionBias(
                scope.child("block.0.layer.0.SelfAttention.relative_attention_bias"),
                config.relativeAttentionNumBuckets(), config.relativeAttentionMaxDistance(), config.numHeads(), false);
        this.finalNorm = new RmsNorm(scope.child("final_layer_norm"), config.dModel(), config.layerNormEpsilon());
        this.dropout = config.dropoutRate();
        this.mode = mode;
    }

    List<T5DecoderLayer> blocks() {
        return blocks;
    }

    RelativePositionBias positionBias() {
        return positionBias;
    }

    RmsNorm finalNorm() {
        return finalNorm;
    }

    /** Number of decoder blocks (= cache layers). */
    public int numLayers() {
        return blocks.size();
    }

    /** Encoder keys/values for every block, computed once per image. */
    public KeyValue[] crossKeyValues(NDArray encoderOutput) {
        KeyValue[] out = new KeyValue[blocks.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = blocks.get(i).crossKeyValues(encoderOutput);
        }
        return out;
    }

    /**
     * @param inputsEmbeds new positions {@code (B, T, D)}
     * @param past cached self-attention keys/values per block (all of length P), or {@code null}
     * @param cross encoder keys/values per block
     * @param crossBias encoder padding mask {@code (B, 1, 1, S)}, or {@code null} when nothing is padded
     * @return hidden states {@code (B, T, D)} after the final norm, and the new full caches
     */
    public DecoderOutput forward(NDArray inputsEmbeds, KeyValue[] past, KeyValue[] cross, NDArray crossBias) {
        return forward(inputsEmbeds, past, cross, crossBias, null);
    }

    /**
     * Position-bias table for one-token steps after up to {@code capacity - 1} cached positions (see
     * {@link #forward(NDArray, KeyValue[], KeyValue[], NDArray, NDArray)}): the bias of a query at
     * position {@code capacity - 1} against keys {@code 0 .. capacity - 1}, {@code (1, H, 1, capacity)},
     * in {@code like}'s manager. A generation session computes it once instead of per step.
     */
    public NDArray stepBiasTable(NDArray like, int capacity) {
        return positionBias.forward(like, capacity - 1, 1, capacity);
    }

    /**
     * As {@link #forward(NDArray, KeyValue[], KeyValue[], NDArray)}, with a {@link #stepBiasTable} that
     * one-token steps slice instead of recomputing the bias (the bias depends only on the distance
     * {@code key - query}, so the last {@code P + 1} entries are a step's bias after {@code P} cached
     * positions). Ignored when {@code null}, too short, or for more than one new position.
     */
    public DecoderOutput forward(NDArray inputsEmbeds, KeyValue[] past, KeyValue[] cross, NDArray crossBias,
            NDArray stepBiasTable) {
        int t = (int) inputsEmbeds.getShape().get(1);
        int p = past == null ? 0 : (int) past[0].length();
        long capacity = stepBiasTable == null ? 0 : stepBiasTable.getShape().get(3);
        NDArray selfBias = t == 1 && p < capacity
                ? Scoped.like(stepBiasTable.get(new NDIndex().addAllDim(3).addSliceDim(capacity - 1 - p, capacity)),
                        inputsEmbeds)
                : positionBias.forward(inputsEmbeds, p, t, p + t);
        if (t > 1) {
            selfBias = selfBias.add(MaskBias.causal(inputsEmbeds, t, p, inputsEmbeds.getDataType()));
        }
        NDArray h = Dropouts.apply(inputsEmbeds, dropout, mode);
        KeyValue[] present = new KeyValue[blocks.size()];
        for (int i = 0; i < present.length; i++) {
            LayerOutput r = blocks.get(i).forward(h, selfBias, past == null ? null : past[i], cross[i], crossBias);
            h = r.output();
            present[i] = r.keyValues();
        }
        return new DecoderOutput(Dropouts.apply(finalNorm.forward(h), dropout, mode), present);
    }

}
