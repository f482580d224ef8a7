package io.github.blip2j.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** A sharded checkpoint made by splitting the fixture in two, read back through its index. */
class SafetensorsShardedTest {

    @TempDir Path tmp;

    private Map<String, String> shard(Path dir) throws Exception {
        Map<String, String> weightMap = new TreeMap<>();
        try (SafetensorsReader whole = SafetensorsReader.open(Fixtures.tinyT5());
                NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> a = new LinkedHashMap<>();
            Map<String, NDArray> b = new LinkedHashMap<>();
            for (String name : whole.names()) {
                boolean first = name.startsWith("language_model.");
                (first ? a : b).put(name, whole.load(name, m));
                weightMap.put(name, first ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors");
            }
            SafetensorsWriter.write(dir.resolve("model-00001-of-00002.safetensors"), a, Map.of());
            SafetensorsWriter.write(dir.resolve("model-00002-of-00002.safetensors"), b, Map.of());
        }
        return weightMap;
    }

    private static void writeIndex(Path dir, Map<String, String> weightMap) throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("metadata", Map.of("total_size", 433824));
        index.put("weight_map", weightMap);
        Files.writeString(dir.resolve("model.safetensors.index.json"), json.writeValueAsString(index));
    }

    @Test
    void readsEveryTensorThroughTheIndexOrTheDirectory() throws Exception {
        Map<String, String> weightMap = shard(tmp);
        writeIndex(tmp, weightMap);
        try (SafetensorsReader whole = SafetensorsReader.open(Fixtures.tinyT5());
                SafetensorsReader viaIndex = SafetensorsReader.open(tmp.resolve("model.safetensors.index.json"));
                SafetensorsReader viaDir = SafetensorsReader.open(tmp);
                NDManager m = NDManager.newBaseManager()) {
            assertThat(viaIndex.names()).isEqualTo(whole.names());
            assertThat(viaDir.names()).isEqualTo(whole.names());
            assertThat(viaIndex.files()).hasSize(2);
            assertThat(viaIndex.metadata()).containsEntry("total_size", "433824");
            for (String name : whole.names()) {
                assertThat(viaIndex.info(name).file().getFileName().toString()).isEqualTo(weightMap.get(name));
                assertThat(viaIndex.info(name).shape()).containsExactly(whole.info(name).shape());
                assertThat(viaDir.load(name, m, DataType.FLOAT32).toFloatArray()).containsExactly(whole.loadFloats(name));
            }
        }
    }

    @Test
    void anIndexThatPointsAtTheWrongShardFails() throws Exception {
        Map<String, String> weightMap = shard(tmp);
        weightMap.put("query_tokens", "model-00001-of-00002.safetensors");
        writeIndex(tmp, weightMap);
        assertThatThrownBy(() -> SafetensorsReader.open(tmp))
                .isInstanceOf(SafetensorsException.class)
                .hasMessageContaining("'query_tokens'")
                .hasMessageContaining("model-00001-of-00002.safetensors");
    }

    @Test
    void aMissingShardFails() throws Exception {
        Map<String, String> weightMap = shard(tmp);
        Files.delete(tmp.resolve("model-00002-of-00002.safetensors"));
        writeIndex(tmp, weightMap);
        assertThatThrownBy(() -> SafetensorsReader.open(tmp))
                .isInstanceOf(SafetensorsException.class)
                .hasMessageContaining("model-00002-of-00002.safetensors")
                .hasMessageContaining("does not exist");
    }

    @Test
    void aShardOutsideTheDirectoryIsRefused() throws Exception {
        writeIndex(tmp, Map.of("w", "../elsewhere.safetensors"));
        assertThatThrownBy(() -> SafetensorsReader.open(tmp))
                .isInstanceOf(SafetensorsException.class)
                .hasMessageContaining("outside");
    }
}
