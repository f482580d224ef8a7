package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import io.github.blip2j.core.config.OptConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * OPT for causal LM ({@code OPTForCausalLM}): token embeddings (tied to the lm_head by default),
 * learned positions with offset 2, decoder layers, a final LayerNorm (pre-LN models) and the lm_head.
 * Inputs arrive as embeddings, because BLIP-2 prepends the projected queries to the prompt.
 */
public final class OptLanguageModel implements LanguageModel {

    private final OptConfig config;
    private final ModelParameter embedTokens;
    private final OptLearnedPositions positions;
    private final List<OptDecoderLayer> layers = new ArrayList<>();
    private final LayerNormalization finalLayerNorm;
    private final ModelParameter lmHead;
    private final RunMode mode;

    /** @param scope {@code language_model} */
    public OptLanguageModel(ParameterScope scope, OptConfig config, RunMode mode) {
        this.config = config;
        ParameterScope decoder = scope.child("model.decoder");
        this.embedTokens = decoder.child("embed_tokens").param("weight", ParameterKind.EMBEDDING, config.vocabSize(),
                config.wordEmbedProjDim());
        this.positions = new OptLearnedPositions(decoder.child("embed_positions"), config);
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            layers.add(new OptDecoderLayer(decoder.child("layers", i), config, mode));
        }
        this.finalLayerNorm = config.hasFinalLayerNorm()
                ? new LayerNormalization(decoder.child("final_layer_norm"), config.hiddenSize(),
                        OptConfig.LAYER_NORM_EPS, config.layerNormElementwiseAffine())
                : null;
        this.lmHead = config.tieWordEmbeddings()
                ? scope.child("lm_head").tie("weight", embedTokens)
                : scope.child("lm_head").param("weight", ParameterKind.WEIGHT, config.vocabSize(),
                        config.wordEmbedProjDim());
        this.mode = mode;
    }

    ModelParameter embedTokens() {
        return embedTokens;
    }

    OptLearnedPositions positions() {
        return positions;
    }

    List<OptDecoderLayer> layers() {
        return layers;
    }

    /** The final LayerNorm, or {@code null} (post-LN models). */
    LayerNormalization finalLayerNorm() {
        return finalLayerNorm;
    }

    ModelParameter lmHead() {
        return lmHead;
    }

    /** The config. */
    public OptConfig config() {
        return config;
    }

    @Override
    public NDArray embed(NDArray ids) {
        return TokenEmbedding.lookup(ids, embedTokens);
    }

    @Override
    public int vocabSize() {
        return config.vocabSize();
    }

    @Override
    public int hiddenSize() {
        return config.hiddenSize();
    }

    /** Number of decoder layers (= cache layers). */
    public int numLayers() {
        return layers.size();
    }

    /**
     * Runs new positions after an optional cache.
     *
     * @param inputsEmbeds {@code (B, T, D)}
     * @param mask {@code [B][P + T]}: 1 for real positions, 0 for padding, covering cache and new slots
     * @param past per-layer cached keys/values of length P, or {@code null}
     * @return hidden states {@code (B, T, D)} after the final LayerNorm, and the new caches
     */
    public DecoderOutput forward(NDArray inputsEmbeds, int[][] mask, KeyValue[] past) {
        int t = (int) inputsEmbeds.getShape().get(1);
        int p = past == null ? 0 : (int) past[0].length();
        if (mask.length != inputsEmbeds.getShape().get(0) || mask[0].length != p + t) {
            throw new IllegalArgumentException("attention_mask: expected " + inputsEmbeds.getShape().get(0) + " rows of "
                    + (p + t) + " (past " + p + " + new " + t + "), got " + mask.length + " rows of " + mask[0].length);
        }
        NDArray h = inputsEmbeds.add(positions.forward(inputsEmbeds, mask, t));
        h = Dropouts.apply(h, config.dropout(), mode);
        NDArray bias = maskBias(inputsEmbeds, mask, t, p);
        KeyValue[] present = new KeyValue[layers.size()];
        for (int i = 0; i < present.length; i++) {
            LayerOutput r = layers.get(i).forward(h, bias, past == null ? null : past[i]);
            h = r.output();
            present[i] = r.keyValues();
        }
        if (finalLayerNorm != null) {
            h = finalLayerNorm.forward(h);
        }
        return new DecoderOutput(h, present);
    }

    /** Hidden states to logits {@code (B, T, V)}. */
    public NDArray logits(NDArray hidden) {
        return LinearOps.linear(hidden, lmHead, null);
    }

    /** Causal + padding bias {@code (B, 1, T, P + T)}: query i sees key j iff mask[j] = 1 and j <= P + i. */
    private static NDArray maskBias(NDArray like, int[][] mask, int t, int p) {
        int keys = p + t;
        float min = MaskBias.min(like.getDataType());
        float[] v = new float[mask.length * t * keys];
        for (int b = 0; b < mask.length; b++) {
            for (int i = 0; i < t; i++) {
                int base = (b * t + i) * keys;
                for (int j = 0; j < keys; j++) {
                    if (mask[b][j] == 0 || j > p + i) {
                        v[base + j] = min;
                    }
                }
            }
        }
        NDArray out = like.getManager().create(v).reshape(mask.length, 1, t, keys);
        return out.toDevice(like.getDevice(), false).toType(like.getDataType(), false);
    }
}
