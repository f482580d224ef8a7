package io.github.blip2j.examples.demo;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.blip2j.core.config.Blip2Config;
import io.github.blip2j.core.image.BlipImageProcessor;
import io.github.blip2j.core.model.Blip2Model;
import io.github.blip2j.core.model.ModelParameter;
import io.github.blip2j.core.text.TextTokenizer;
import io.github.blip2j.examples.demo.data.DemoDataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * Writes the demo's untrained BLIP-2 as a Hugging Face model folder: {@code config.json} (a
 * {@code Blip2ForConditionalGeneration} with a T5 language model), {@code model.safetensors} with
 * seeded random weights, the word-level {@code tokenizer.json} built from the data set's captions,
 * and {@code preprocessor_config.json}. Everything downstream (FineTuner, Captioner, {@code blip2
 * caption}) loads it exactly as it loads a real checkpoint.
 */
public final class DemoModelFactory {

    /** T5 ids of the word-level tokenizer: {@code <pad>} 0 (also the decoder start), {@code </s>} 1. */
    static final int PAD_ID = 0;
    static final int EOS_ID = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final DemoModelSize size;
    private final long seed;

    /**
     * @param size the architecture's dimensions
     * @param seed seed of the random weights
     */
    public DemoModelFactory(DemoModelSize size, long seed) {
        this.size = Objects.requireNonNull(size, "size");
        this.seed = seed;
    }

    /**
     * Writes the model folder {@code dir} (created if needed) for {@code data}'s vocabulary and
     * returns it.
     */
    public Path write(DemoDataset data, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create model folder " + dir + ": " + e.getMessage(), e);
        }
        data.writeTokenizer(dir);
        int vocab;
        try (TextTokenizer tokenizer = TextTokenizer.load(dir)) {
            vocab = vocabularySize(dir);
            if (tokenizer.padTokenId().orElse(-1) != PAD_ID || tokenizer.eosTokenId().orElse(-1) != EOS_ID) {
                throw new IllegalStateException(dir + "/tokenizer.json: expected <pad> = " + PAD_ID + " and </s> = "
                        + EOS_ID + " (T5 layout)");
            }
        }
        String config = configJson(vocab);
        writeAtomically(dir.resolve("config.json"), config);
        writeAtomically(dir.resolve(BlipImageProcessor.CONFIG_FILE), preprocessorJson());
        Blip2Config parsed = Blip2Config.fromJson(config);
        try (Blip2Model model = Blip2Model.random(parsed, seed, DataType.FLOAT32, Device.cpu())) {
            scaleT5Queries(model, size.textHidden() / size.textHeads());
            model.saveWeights(dir.resolve("model.safetensors"));
        }
        return dir;
    }

    /**
     * T5 attention has no {@code 1/sqrt(d_kv)} in its softmax: Hugging Face folds it into the query
     * init ({@code std = (d_model * d_kv)^-0.5}). The generic random init draws queries with
     * {@code std = d_model^-0.5}, which makes every T5 attention start saturated (logits of
     * standard deviation {@code sqrt(d_kv)}) and the language model slow to learn to look at the
     * image; scaling the queries restores T5's own starting point.
     */
    static void scaleT5Queries(Blip2Model model, int dKv) {
        float scale = (float) (1 / Math.sqrt(dKv));
        for (ModelParameter p : model.parameters().all()) {
            String n = p.name();
            if (n.startsWith("language_model.") && (n.endsWith("SelfAttention.q.weight")
                    || n.endsWith("EncDecAttention.q.weight"))) {
                NDArray old = p.array();
                NDArray scaled = old.mul(scale);
                p.set(scaled);
                old.close();
            }
        }
    }

    /** The {@code config.json} text for a vocabulary of {@code vocab} tokens. */
    String configJson(int vocab) {
        ObjectNode root = JSON.createObjectNode();
        root.putArray("architectures").add("Blip2ForConditionalGeneration");
        root.put("model_type", "blip-2");
        root.put("num_query_tokens", size.queryTokens());
        root.put("initializer_factor", 1.0);
        root.put("initializer_range", 0.02);
        root.put("is_encoder_decoder", true);
        root.put("use_decoder_only_language_model", false);
        root.put("tie_word_embeddings", false);
        root.put("torch_dtype", "float32");

        ObjectNode vision = root.putObject("vision_config");
        vision.put("model_type", "blip_2_vision_model");
        vision.put("hidden_size", size.visionHidden());
        vision.put("intermediate_size", 4 * size.visionHidden());
        vision.put("num_hidden_layers", size.visionLayers());
        vision.put("num_attention_heads", size.visionHeads());
        vision.put("image_size", size.imageSize());
        vision.put("patch_size", size.patchSize());
        vision.put("hidden_act", "gelu");
        vision.put("layer_norm_eps", 1e-6);
        vision.put("qkv_bias", true);

        ObjectNode qformer = root.putObject("qformer_config");
        qformer.put("model_type", "blip_2_qformer");
        qformer.put("hidden_size", size.qformerHidden());
        qformer.put("intermediate_size", 4 * size.qformerHidden());
        qformer.put("num_hidden_layers", size.qformerLayers());
        qformer.put("num_attention_heads", size.qformerHeads());
        qformer.put("cross_attention_frequency", 1);
        // BERT's 1e-12 lets a LayerNorm over near-constant inputs (the freshly initialised query tokens)
        // return non-finite gradients; 1e-6 is the ViT's and T5's value.
        qformer.put("layer_norm_eps", 1e-6);
        qformer.put("encoder_hidden_size", size.visionHidden());

        ObjectNode text = root.putObject("text_config");
        text.put("model_type", "t5");
        text.put("vocab_size", vocab);
        text.put("d_model", size.textHidden());
        text.put("d_kv", size.textHidden() / size.textHeads());
        text.put("d_ff", 2 * size.textHidden());
        text.put("num_layers", size.textLayers());
        text.put("num_decoder_layers", size.textLayers());
        text.put("num_heads", size.textHeads());
        text.put("relative_attention_num_buckets", 16);
        text.put("relative_attention_max_distance", 32);
        text.put("dropout_rate", 0.1);
        text.put("feed_forward_proj", "gated-gelu");
        text.put("dense_act_fn", "gelu");
        text.put("is_gated_act", true);
        text.put("layer_norm_epsilon", 1e-6);
        text.put("tie_word_embeddings", false);
        text.put("pad_token_id", PAD_ID);
        text.put("eos_token_id", EOS_ID);
        // Generation without a prompt feeds [[bos]] to the encoder (HF); training with an empty prompt
        // feeds the tokenized "" = [</s>]: the same input when bos is </s>.
        text.put("bos_token_id", EOS_ID);
        text.put("decoder_start_token_id", PAD_ID);
        return json(root);
    }

    /** {@code preprocessor_config.json}: BLIP's processor at the model's input size. */
    String preprocessorJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("image_processor_type", "BlipImageProcessor");
        root.put("do_convert_rgb", true);
        root.put("do_resize", true);
        ObjectNode sizeNode = root.putObject("size");
        sizeNode.put("height", size.imageSize());
        sizeNode.put("width", size.imageSize());
        root.put("resample", 3);
        root.put("do_rescale", true);
        root.put("rescale_factor", 1.0 / 255);
        root.put("do_normalize", true);
        ArrayNode mean = root.putArray("image_mean");
        for (double v : BlipImageProcessor.OPENAI_CLIP_MEAN) {
            mean.add(v);
        }
        ArrayNode std = root.putArray("image_std");
        for (double v : BlipImageProcessor.OPENAI_CLIP_STD) {
            std.add(v);
        }
        return json(root);
    }

    /** Number of ids in the written tokenizer (its vocabulary is dense from 0). */
    private static int vocabularySize(Path dir) {
        try {
            return JSON.readTree(dir.resolve(TextTokenizer.TOKENIZER_FILE).toFile()).path("model").path("vocab").size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(TextTokenizer.TOKENIZER_FILE), e);
        }
    }

    private static String json(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise JSON", e);
        }
    }

    private static void writeAtomically(Path file, String text) {
        try {
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
