package io.github.blip2j.core.config;

/**
 * The BLIP-2 vision tower ({@code Blip2VisionConfig}): a pre-LN ViT with a fused qkv projection.
 *
 * @param hiddenSize width of every token
 * @param intermediateSize MLP width
 * @param numHiddenLayers number of encoder layers
 * @param numAttentionHeads attention heads per layer
 * @param imageSize input height and width in pixels (no position interpolation)
 * @param patchSize patch edge in pixels (conv kernel = stride)
 * @param hiddenAct MLP activation
 * @param layerNormEps epsilon of every LayerNorm
 * @param attentionDropout attention dropout (training only)
 * @param qkvBias whether the fused qkv projection has a bias
 * @param initializerRange Hugging Face init std (only used for random weights)
 */
public record VisionConfig(
        int hiddenSize,
        int intermediateSize,
        int numHiddenLayers,
        int numAttentionHeads,
        int imageSize,
        int patchSize,
        Activation hiddenAct,
        double layerNormEps,
        double attentionDropout,
        boolean qkvBias,
        double initializerRange) {

    static final String MODEL_TYPE = "blip_2_vision_model";

    /** Patches per side. */
    public int gridSize() {
        return imageSize / patchSize;
    }

    /** Number of image patches. */
    public int numPatches() {
        return gridSize() * gridSize();
    }

    /** Tokens per image: patches plus the class token. */
    public int numPositions() {
        return numPatches() + 1;
    }

    /** Width of one attention head. */
    public int headDim() {
        return hiddenSize / numAttentionHeads;
    }

    static VisionConfig parse(ConfigNode n) {
        String type = n.getString("model_type", MODEL_TYPE);
        if (!MODEL_TYPE.equals(type)) {
            throw new ConfigException(n.key("model_type") + ": expected \"" + MODEL_TYPE + "\", got \"" + type + "\"");
        }
        int hidden = n.positive("hidden_size", n.getInt("hidden_size", 1408));
        int heads = n.positive("num_attention_heads", n.getInt("num_attention_heads", 16));
        if (hidden % heads != 0) {
            throw new ConfigException(n.key("hidden_size") + ": " + hidden + " is not divisible by num_attention_heads "
                    + heads);
        }
        int imageSize = n.positive("image_size", n.getInt("image_size", 224));
        int patchSize = n.positive("patch_size", n.getInt("patch_size", 14));
        if (patchSize > imageSize) {
            throw new ConfigException(n.key("patch_size") + ": " + patchSize + " exceeds image_size " + imageSize);
        }
        return new VisionConfig(
                hidden,
                n.positive("intermediate_size", n.getInt("intermediate_size", 6144)),
                n.positive("num_hidden_layers", n.getInt("num_hidden_layers", 39)),
                heads,
                imageSize,
                patchSize,
                Activation.fromHfName(n.key("hidden_act"), n.getString("hidden_act", "gelu")),
                n.positive("layer_norm_eps", n.getDouble("layer_norm_eps", 1e-6)),
                n.getDouble("attention_dropout", 0.0),
                n.getBoolean("qkv_bias", true),
                n.getDouble("initializer_range", 1e-10));
    }
}
