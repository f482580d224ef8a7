package io.github.blip2j.core.config;

/**
 * The Querying Transformer ({@code Blip2QFormerConfig}): BERT-style post-LN layers over the learned
 * query tokens, with cross-attention to the image every {@code crossAttentionFrequency} layers.
 *
 * @param vocabSize BERT vocabulary (unused by captioning; kept for completeness)
 * @param hiddenSize width of the query tokens
 * @param numHiddenLayers number of layers
 * @param numAttentionHeads attention heads
 * @param intermediateSize query FFN width
 * @param hiddenAct FFN activation
 * @param hiddenDropoutProb dropout after dense layers (training only)
 * @param attentionProbsDropoutProb attention dropout (training only)
 * @param maxPositionEmbeddings unused by BLIP-2's Q-Former (no text input)
 * @param initializerRange Hugging Face init std
 * @param layerNormEps LayerNorm epsilon (HF default 1e-12)
 * @param padTokenId BERT pad id (unused)
 * @param positionEmbeddingType unused (no position embeddings on the queries)
 * @param crossAttentionFrequency layer {@code i} cross-attends when {@code i % frequency == 0}
 * @param encoderHiddenSize width of the image tokens; overwritten with the vision hidden size
 */
public record QFormerConfig(
        int vocabSize,
        int hiddenSize,
        int numHiddenLayers,
        int numAttentionHeads,
        int intermediateSize,
        Activation hiddenAct,
        double hiddenDropoutProb,
        double attentionProbsDropoutProb,
        int maxPositionEmbeddings,
        double initializerRange,
        double layerNormEps,
        Integer padTokenId,
        String positionEmbeddingType,
        int crossAttentionFrequency,
        int encoderHiddenSize) {

    static final String MODEL_TYPE = "blip_2_qformer";

    /** Whether layer {@code layer} has a cross-attention block. */
    public boolean hasCrossAttention(int layer) {
        return layer % crossAttentionFrequency == 0;
    }

    /** Width of one attention head. */
    public int headDim() {
        return hiddenSize / numAttentionHeads;
    }

    /** Parses the sub-config; {@code encoder_hidden_size} is replaced by the vision width, as HF does. */
    static QFormerConfig parse(ConfigNode n, int visionHiddenSize) {
        String type = n.getString("model_type", MODEL_TYPE);
        if (!MODEL_TYPE.equals(type)) {
            throw new ConfigException(n.key("model_type") + ": expected \"" + MODEL_TYPE + "\", got \"" + type + "\"");
        }
        int hidden = n.positive("hidden_size", n.getInt("hidden_size", 768));
        int heads = n.positive("num_attention_heads", n.getInt("num_attention_heads", 12));
        if (hidden % heads != 0) {
            throw new ConfigException(n.key("hidden_size") + ": " + hidden + " is not divisible by num_attention_heads "
                    + heads);
        }
        return new QFormerConfig(
                n.getInt("vocab_size", 30522),
                hidden,
                n.positive("num_hidden_layers", n.getInt("num_hidden_layers", 12)),
                heads,
                n.positive("intermediate_size", n.getInt("intermediate_size", 3072)),
                Activation.fromHfName(n.key("hidden_act"), n.getString("hidden_act", "gelu")),
                n.getDouble("hidden_dropout_prob", 0.1),
                n.getDouble("attention_probs_dropout_prob", 0.1),
                n.getInt("max_position_embeddings", 512),
                n.getDouble("initializer_range", 0.02),
                n.positive("layer_norm_eps", n.getDouble("layer_norm_eps", 1e-12)),
                n.getNullableInt("pad_token_id", 0),
                n.getString("position_embedding_type", "absolute"),
                n.positive("cross_attention_frequency", n.getInt("cross_attention_frequency", 2)),
                visionHiddenSize);
    }
}
