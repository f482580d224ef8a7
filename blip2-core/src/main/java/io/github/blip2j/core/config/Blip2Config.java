package io.github.blip2j.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A whole BLIP-2 configuration ({@code Blip2Config}) with Hugging Face's defaults applied to every
 * absent key, as {@code transformers} v4.36.2 resolves it.
 *
 * @param vision the vision tower
 * @param qformer the Q-Former (its {@code encoderHiddenSize} equals the vision width)
 * @param text the language model
 * @param numQueryTokens learned query tokens
 * @param useDecoderOnlyLanguageModel true for OPT, false for T5 (derived from the text model type)
 * @param tieWordEmbeddings copied from the text config
 * @param isEncoderDecoder copied from the text config
 * @param initializerFactor HF init scale
 * @param initializerRange HF init std
 * @param torchDtype the {@code torch_dtype} the checkpoint was saved in, or {@code null}
 */
public record Blip2Config(
        VisionConfig vision,
        QFormerConfig qformer,
        TextConfig text,
        int numQueryTokens,
        boolean useDecoderOnlyLanguageModel,
        boolean tieWordEmbeddings,
        boolean isEncoderDecoder,
        double initializerFactor,
        double initializerRange,
        String torchDtype) {

    private static final String MODEL_TYPE = "blip-2";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads a {@code config.json}.
     *
     * @throws ConfigException naming the file and the key when a value is invalid or unsupported
     * @throws UncheckedIOException when the file cannot be read or is not JSON
     */
    public static Blip2Config load(Path configJson) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(configJson));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read BLIP-2 config " + configJson + ": " + e.getMessage(), e);
        }
        try {
            return fromJson(root);
        } catch (ConfigException e) {
            throw new ConfigException(configJson + ": " + e.getMessage());
        }
    }

    /** Parses the JSON text of a {@code config.json}. */
    public static Blip2Config fromJson(String json) {
        try {
            return fromJson(JSON.readTree(json));
        } catch (IOException e) {
            throw new ConfigException("config: not valid JSON: " + e.getMessage());
        }
    }

    /** Parses a parsed {@code config.json}. */
    public static Blip2Config fromJson(JsonNode root) {
        ConfigNode n = new ConfigNode(root, "");
        String type = n.getString("model_type", MODEL_TYPE);
        if (!MODEL_TYPE.equals(type)) {
            throw new ConfigException("model_type: expected \"" + MODEL_TYPE + "\", got \"" + type + "\"");
        }
        VisionConfig vision = VisionConfig.parse(n.child("vision_config"));
        QFormerConfig qformer = QFormerConfig.parse(n.child("qformer_config"), vision.hiddenSize());
        ConfigNode textNode = n.child("text_config");
        // HF: a text_config without model_type is an OPT config.
        String textType = textNode.getString("model_type", OptConfig.MODEL_TYPE);
        TextConfig text = switch (textType) {
            case T5Config.MODEL_TYPE -> T5Config.parse(textNode);
            case OptConfig.MODEL_TYPE -> OptConfig.parse(textNode);
            default -> throw new ConfigException(textNode.key("model_type") + ": unsupported language model \""
                    + textType + "\"; supported: t5, opt");
        };
        return new Blip2Config(
                vision,
                qformer,
                text,
                n.positive("num_query_tokens", n.getInt("num_query_tokens", 32)),
                !text.isEncoderDecoder(),
                text.tieWordEmbeddings(),
                text.isEncoderDecoder(),
                n.getDouble("initializer_factor", 1.0),
                n.getDouble("initializer_range", 0.02),
                n.getString("torch_dtype", null));
    }

    /** The T5 config, or an exception naming the actual type. */
    public T5Config t5() {
        if (text instanceof T5Config t5) {
            return t5;
        }
        throw new IllegalStateException("text_config.model_type is " + text.modelType() + ", not t5");
    }

    /** The OPT config, or an exception naming the actual type. */
    public OptConfig opt() {
        if (text instanceof OptConfig opt) {
            return opt;
        }
        throw new IllegalStateException("text_config.model_type is " + text.modelType() + ", not opt");
    }
}
