package io.github.blip2j.core.config;

/**
 * An OPT decoder-only language model ({@code OPTConfig}).
 *
 * @param vocabSize embedding rows
 * @param hiddenSize model width
 * @param numHiddenLayers decoder layers
 * @param ffnDim feed-forward width
 * @param maxPositionEmbeddings positions; the learned table has {@code + 2} rows (offset 2)
 * @param doLayerNormBefore pre-LN (true for every size but 350m)
 * @param removeFinalLayerNorm {@code _remove_final_layer_norm}: drop the final LayerNorm
 * @param wordEmbedProjDim embedding width; BLIP-2 supports only {@code == hiddenSize}
 * @param dropout dropout (training only)
 * @param attentionDropout attention dropout (training only)
 * @param numAttentionHeads attention heads
 * @param activationFunction FFN activation
 * @param layerdrop layer drop (training only)
 * @param initStd init std
 * @param useCache HF flag, informational
 * @param padTokenId pad id
 * @param bosTokenId bos id
 * @param eosTokenId eos id
 * @param decoderStartTokenId unused by decoder-only models
 * @param enableBias whether the linear layers have biases
 * @param layerNormElementwiseAffine whether the LayerNorms have weight and bias
 * @param tieWordEmbeddings lm_head = embed_tokens
 */
public record OptConfig(
        int vocabSize,
        int hiddenSize,
        int numHiddenLayers,
        int ffnDim,
        int maxPositionEmbeddings,
        boolean doLayerNormBefore,
        boolean removeFinalLayerNorm,
        int wordEmbedProjDim,
        double dropout,
        double attentionDropout,
        int numAttentionHeads,
        Activation activationFunction,
        double layerdrop,
        double initStd,
        boolean useCache,
        Integer padTokenId,
        Integer bosTokenId,
        Integer eosTokenId,
        Integer decoderStartTokenId,
        boolean enableBias,
        boolean layerNormElementwiseAffine,
        boolean tieWordEmbeddings) implements TextConfig {

    static final String MODEL_TYPE = "opt";

    /** Rows of the learned position table (HF's OPT offset of 2). */
    public static final int POSITION_OFFSET = 2;

    /** OPT's LayerNorms use PyTorch's default epsilon; it is not configurable. */
    public static final double LAYER_NORM_EPS = 1e-5;

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    @Override
    public boolean isEncoderDecoder() {
        return false;
    }

    /** Width of one attention head. */
    public int headDim() {
        return hiddenSize / numAttentionHeads;
    }

    /** Whether a LayerNorm follows the last layer. */
    public boolean hasFinalLayerNorm() {
        return doLayerNormBefore && !removeFinalLayerNorm;
    }

    static OptConfig parse(ConfigNode n) {
        int hidden = n.positive("hidden_size", n.getInt("hidden_size", 768));
        int heads = n.positive("num_attention_heads", n.getInt("num_attention_heads", 12));
        if (hidden % heads != 0) {
            throw new ConfigException(n.key("hidden_size") + ": " + hidden + " is not divisible by num_attention_heads "
                    + heads);
        }
        Integer projDim = n.getNullableInt("word_embed_proj_dim", null);
        int wordEmbedProjDim = projDim == null ? hidden : projDim;
        if (wordEmbedProjDim != hidden) {
            // BLIP-2 concatenates the projected queries (hidden_size wide) with the token embeddings
            // (word_embed_proj_dim wide), so HF itself cannot run such a model.
            throw new ConfigException(n.key("word_embed_proj_dim") + ": " + wordEmbedProjDim
                    + " != hidden_size " + hidden + " (project_in/project_out) is not supported by BLIP-2");
        }
        return new OptConfig(
                n.positive("vocab_size", n.getInt("vocab_size", 50272)),
                hidden,
                n.positive("num_hidden_layers", n.getInt("num_hidden_layers", 12)),
                n.positive("ffn_dim", n.getInt("ffn_dim", 3072)),
                n.positive("max_position_embeddings", n.getInt("max_position_embeddings", 2048)),
                n.getBoolean("do_layer_norm_before", true),
                n.getBoolean("_remove_final_layer_norm", false),
                wordEmbedProjDim,
                n.getDouble("dropout", 0.1),
                n.getDouble("attention_dropout", 0.0),
                heads,
                Activation.fromHfName(n.key("activation_function"), n.getString("activation_function", "relu")),
                n.getDouble("layerdrop", 0.0),
                n.getDouble("init_std", 0.02),
                n.getBoolean("use_cache", true),
                n.getNullableInt("pad_token_id", 1),
                n.getNullableInt("bos_token_id", 2),
                n.getNullableInt("eos_token_id", 2),
                n.getNullableInt("decoder_start_token_id", null),
                n.getBoolean("enable_bias", true),
                n.getBoolean("layer_norm_elementwise_affine", true),
                n.getBoolean("tie_word_embeddings", true));
    }
}
