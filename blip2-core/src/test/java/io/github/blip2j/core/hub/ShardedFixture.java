package io.github.blip2j.core.hub;

import io.github.blip2j.core.io.SafetensorsReader;
import io.github.blip2j.core.io.SafetensorsWriter;
import io.github.blip2j.core.io.TensorInfo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Splits the fixture checkpoint into two shards plus an index, without a native engine. */
final class ShardedFixture {

    private ShardedFixture() {}

    static Path write(Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.copy(ModelResolverTest.fixture().resolve("config.json"), dir.resolve("config.json"));
        List<SafetensorsWriter.RawTensor> a = new ArrayList<>();
        List<SafetensorsWriter.RawTensor> b = new ArrayList<>();
        Map<String, String> weightMap = new LinkedHashMap<>();
        try (SafetensorsReader r = SafetensorsReader.open(ModelResolverTest.fixture())) {
            for (String name : r.names()) {
                TensorInfo info = r.info(name);
                float[] v = r.loadFloats(name);
                ByteBuffer data = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                data.asFloatBuffer().put(v);
                boolean first = name.startsWith("language_model.");
                (first ? a : b).add(new SafetensorsWriter.RawTensor(name, "F32", info.shape(), data));
                weightMap.put(name, first ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors");
            }
        }
        SafetensorsWriter.writeRaw(dir.resolve("model-00001-of-00002.safetensors"), a, Map.of());
        SafetensorsWriter.writeRaw(dir.resolve("model-00002-of-00002.safetensors"), b, Map.of());
        Map<String, Object> index = Map.of("metadata", Map.of(), "weight_map", weightMap);
        Files.writeString(dir.resolve("model.safetensors.index.json"),
                new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(index));
        return dir;
    }
}
