package io.github.blip2j.core.generation;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import io.github.blip2j.core.config.Blip2Config;
import io.github.blip2j.core.model.Blip2Model;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A tiny random BLIP-2 with an OPT language model, written in Hugging Face layout by the test itself. */
final class TinyOpt {

    static final String CONFIG = """
            {"model_type": "blip-2", "num_query_tokens": 4,
             "vision_config": {"hidden_size": 32, "intermediate_size": 64, "num_hidden_layers": 2,
                               "num_attention_heads": 4, "image_size": 32, "patch_size": 8},
             "qformer_config": {"hidden_size": 32, "num_hidden_layers": 2, "num_attention_heads": 4,
                                "intermediate_size": 48, "cross_attention_frequency": 1},
             "text_config": {"model_type": "opt", "vocab_size": 120, "hidden_size": 40,
                             "num_hidden_layers": 2, "ffn_dim": 64, "num_attention_heads": 4,
                             "max_position_embeddings": 64, "bos_token_id": 2, "eos_token_id": 50,
                             "pad_token_id": 1, "word_embed_proj_dim": 40}}
            """;

    private TinyOpt() {}

    /** Writes config.json and model.safetensors (lm_head omitted: tied) into {@code dir}. */
    static Path write(Path dir, long seed) {
        Blip2Config config = Blip2Config.fromJson(CONFIG);
        try (Blip2Model model = Blip2Model.random(config, seed, DataType.FLOAT32, Device.cpu())) {
            Files.writeString(dir.resolve("config.json"), CONFIG);
            model.saveWeights(dir.resolve("model.safetensors"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
