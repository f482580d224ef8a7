package io.github.blip2j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.blip2j.core.config.ConfigException;
import io.github.blip2j.core.io.SafetensorsReader;
import io.github.blip2j.core.io.SafetensorsWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Name and shape validation of checkpoints against the config, and tied-weight restoration. */
class CheckpointLoaderTest {

    @TempDir
    Path dir;

    /** Copies the fixture's config and rewrites its weights after {@code edit}. */
    private Path variant(Consumer<Map<String, NDArray>> edit) throws Exception {
        Path src = TinyT5Fixture.dir();
        Files.copy(src.resolve("config.json"), dir.resolve("config.json"));
        try (SafetensorsReader r = SafetensorsReader.open(src); NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            for (String name : r.names()) {
                tensors.put(name, r.load(name, m, DataType.FLOAT32));
            }
            edit.accept(tensors);
            SafetensorsWriter.write(dir.resolve("model.safetensors"), tensors, Map.of("format", "pt"));
        }
        return dir;
    }

    @Test
    void tiedEmbeddingsAreRestoredFromShared() {
        try (Blip2Model model = Blip2Model.load(TinyT5Fixture.dir())) {
            ParameterRegistry p = model.parameters();
            assertThat(p.get("language_model.encoder.embed_tokens.weight")).isSameAs(p.get("language_model.shared.weight"));
            assertThat(p.get("language_model.decoder.embed_tokens.weight")).isSameAs(p.get("language_model.shared.weight"));
            assertThat(p.get("language_model.lm_head.weight")).isNotSameAs(p.get("language_model.shared.weight"));
            assertThat(p.all()).hasSize(TinyT5Fixture.expected().get("checkpoint").get("num_tensors").asInt());
            assertThat(p.numValues()).isEqualTo(TinyT5Fixture.expected().get("checkpoint").get("num_parameters").asLong());
        }
    }

    @Test
    void duplicatedTiedTensorsOfOlderCheckpointsAreAccepted() throws Exception {
        Path d = variant(t -> {
            NDArray shared = t.get("language_model.shared.weight");
            t.put("language_model.encoder.embed_tokens.weight", shared);
            t.put("language_model.decoder.embed_tokens.weight", shared);
        });
        try (Blip2Model model = Blip2Model.load(d)) {
            assertThat(model.parameters().get("language_model.encoder.embed_tokens.weight").isLoaded()).isTrue();
        }
    }

    @Test
    void aMissingTensorIsNamed() throws Exception {
        Path d = variant(t -> t.remove("qformer.encoder.layer.1.crossattention.attention.key.bias"));
        assertThatThrownBy(() -> Blip2Model.load(d))
                .isInstanceOf(CheckpointMismatchException.class)
                .hasMessageContaining("missing tensor 'qformer.encoder.layer.1.crossattention.attention.key.bias'")
                .hasMessageContaining(d.resolve("model.safetensors").toString());
    }

    @Test
    void aWrongShapeNamesTheTensorTheFileAndBothShapes() throws Exception {
        Path d = variant(t -> t.put("language_projection.weight", t.get("language_projection.weight").transpose()));
        assertThatThrownBy(() -> Blip2Model.load(d))
                .isInstanceOf(CheckpointMismatchException.class)
                .hasMessageContaining("tensor 'language_projection.weight' in model.safetensors")
                .hasMessageContaining("expected shape (40, 32)")
                .hasMessageContaining("got (32, 40)");
    }

    @Test
    void anUnexpectedTensorIsNamedButHuggingFacesIgnoredOnesAreNot() throws Exception {
        Path d = variant(t -> {
            t.put("qformer.encoder.layer.2.attention.attention.query.weight", t.get("language_projection.weight"));
            t.put("language_model.decoder.block.0.layer.1.EncDecAttention.relative_attention_bias.weight",
                    t.get("language_model.decoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight"));
        });
        assertThatThrownBy(() -> Blip2Model.load(d))
                .isInstanceOf(CheckpointMismatchException.class)
                .hasMessageContaining("unexpected tensor 'qformer.encoder.layer.2.attention.attention.query.weight'")
                .hasMessageNotContaining("EncDecAttention");
    }

    @Test
    void aConfigThatDisagreesWithTheWeightsListsEveryMismatch() throws Exception {
        Path d = variant(t -> { });
        String config = Files.readString(d.resolve("config.json")).replace("\"num_query_tokens\": 4", "\"num_query_tokens\": 8");
        Files.writeString(d.resolve("config.json"), config);
        assertThatThrownBy(() -> Blip2Model.load(d))
                .isInstanceOf(CheckpointMismatchException.class)
                .hasMessageContaining("tensor 'query_tokens'")
                .hasMessageContaining("expected shape (1, 8, 32)");
    }

    @Test
    void anUnsupportedConfigFailsBeforeTheWeightsAreRead() throws Exception {
        Path d = variant(t -> { });
        String config = Files.readString(d.resolve("config.json")).replace("\"model_type\": \"t5\"", "\"model_type\": \"gpt2\"");
        Files.writeString(d.resolve("config.json"), config);
        assertThatThrownBy(() -> Blip2Model.load(d))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("text_config.model_type");
    }
}
