package io.github.blip2j.core.config;

/**
 * A T5 encoder-decoder as Flan-T5 uses it ({@code T5Config}).
 *
 * @param vocabSize embedding rows
 * @param dModel model width
 * @param dKv width of one attention head; {@code numHeads * dKv} may differ from {@code dModel}
 * @param dFf feed-forward width
 * @param numLayers encoder layers
 * @param numDecoderLayers decoder layers
 * @param numHeads attention heads
 * @param relativeAttentionNumBuckets relative position buckets
 * @param relativeAttentionMaxDistance distance beyond which buckets saturate
 * @param dropoutRate dropout (training only)
 * @param classifierDropout unused here
 * @param layerNormEpsilon RMS-norm epsilon
 * @param initializerFactor Hugging Face init scale
 * @param feedForwardProj {@code "relu"}, {@code "gated-gelu"}, ...
 * @param denseActFn the FFN activation actually used
 * @param isGatedAct whether the FFN is gated ({@code wi_0}, {@code wi_1})
 * @param useCache HF flag, informational
 * @param padTokenId pad id
 * @param eosTokenId eos id
 * @param bosTokenId bos id, {@code null} in stock T5
 * @param decoderStartTokenId decoder start id, {@code null} in stock T5
 * @param tieWordEmbeddings tied lm_head with {@code d_model^-0.5} rescale (original T5) or not (Flan-T5)
 */
public record T5Config(
        int vocabSize,
        int dModel,
        int dKv,
        int dFf,
        int numLayers,
        int numDecoderLayers,
        int numHeads,
        int relativeAttentionNumBuckets,
        int relativeAttentionMaxDistance,
        double dropoutRate,
        double classifierDropout,
        double layerNormEpsilon,
        double initializerFactor,
        String feedForwardProj,
        Activation denseActFn,
        boolean isGatedAct,
        boolean useCache,
        Integer padTokenId,
        Integer eosTokenId,
        Integer bosTokenId,
        Integer decoderStartTokenId,
        boolean tieWordEmbeddings) implements TextConfig {

    static final String MODEL_TYPE = "t5";

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    @Override
    public int hiddenSize() {
        return dModel;
    }

    @Override
    public boolean isEncoderDecoder() {
        return true;
    }

    /** Width of the concatenated heads, {@code numHeads * dKv}. */
    public int innerDim() {
        return numHeads * dKv;
    }

    static T5Config parse(ConfigNode n) {
        // T5Config.attribute_map: the generic names alias the T5 ones.
        int dModel = n.getInt("d_model", n.getInt("hidden_size", 512));
        int numHeads = n.getInt("num_heads", n.getInt("num_attention_heads", 8));
        int numLayers = n.getInt("num_layers", n.getInt("num_hidden_layers", 6));
        Integer numDecoderLayers = n.getNullableInt("num_decoder_layers", null);

        String proj = n.getString("feed_forward_proj", "relu");
        String[] parts = proj.split("-", -1);
        boolean gatedPrefix = parts[0].equals("gated");
        if ((parts.length > 1 && !gatedPrefix) || parts.length > 2 || parts[parts.length - 1].isEmpty()) {
            throw new ConfigException(n.key("feed_forward_proj") + ": \"" + proj + "\" is not of the form"
                    + " \"gated-{ACT_FN}\" or \"{ACT_FN}\"");
        }
        // Backward-compatibility special case in HF: "gated-gelu" means the tanh approximation.
        String derivedAct = proj.equals("gated-gelu") ? "gelu_new" : parts[parts.length - 1];
        // An explicit dense_act_fn / is_gated_act in config.json overrides the derived values (HF sets
        // leftover kwargs as attributes after deriving them).
        String act = n.getString("dense_act_fn", derivedAct);
        boolean gated = n.getBoolean("is_gated_act", gatedPrefix);

        return new T5Config(
                n.positive("vocab_size", n.getInt("vocab_size", 32128)),
                n.positive("d_model", dModel),
                n.positive("d_kv", n.getInt("d_kv", 64)),
                n.positive("d_ff", n.getInt("d_ff", 2048)),
                n.positive("num_layers", numLayers),
                n.positive("num_decoder_layers", numDecoderLayers == null ? numLayers : numDecoderLayers),
                n.positive("num_heads", numHeads),
                n.positive("relative_attention_num_buckets", n.getInt("relative_attention_num_buckets", 32)),
                n.positive("relative_attention_max_distance", n.getInt("relative_attention_max_distance", 128)),
                n.getDouble("dropout_rate", 0.1),
                n.getDouble("classifier_dropout", 0.0),
                n.positive("layer_norm_epsilon", n.getDouble("layer_norm_epsilon", 1e-6)),
                n.getDouble("initializer_factor", 1.0),
                proj,
                Activation.fromHfName(n.key("dense_act_fn"), act),
                gated,
                n.getBoolean("use_cache", true),
                n.getNullableInt("pad_token_id", 0),
                n.getNullableInt("eos_token_id", 1),
                n.getNullableInt("bos_token_id", null),
                n.getNullableInt("decoder_start_token_id", null),
                n.getBoolean("tie_word_embeddings", true));
    }
}
