package io.github.blip2j.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

class SafetensorsReaderTest {

    @TempDir Path tmp;

    @Test
    void fixtureCheckpointHasTheNamesShapesAndDtypesOfExpectedJson() {
        JsonNode checkpoint = Fixtures.expectedJson().get("checkpoint");
        try (SafetensorsReader r = SafetensorsReader.open(Fixtures.tinyT5())) {
            assertThat(r.names()).hasSize(checkpoint.get("num_tensors").asInt());
            assertThat(r.metadata()).containsEntry("format", "pt");
            long values = 0;
            for (JsonNode p : checkpoint.get("parameters")) {
                TensorInfo info = r.info(p.get("name").asText());
                assertThat(info.dtype()).isEqualTo(p.get("dtype").asText());
                long[] shape = new long[p.get("shape").size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = p.get("shape").get(i).asLong();
                }
                assertThat(info.shape()).as(info.name()).containsExactly(shape);
                assertThat(info.file().getFileName()).hasToString("model.safetensors");
                values += info.numel();
            }
            assertThat(values).isEqualTo(checkpoint.get("num_parameters").asLong());
            for (JsonNode absent : checkpoint.get("absent_because_tied")) {
                assertThat(r.contains(absent.asText())).isFalse();
            }
        }
    }

    @Test
    void expectedTensorsMatchTheirSummaries() {
        JsonNode summaries = Fixtures.expectedJson().get("tensor_summaries");
        try (SafetensorsReader r = SafetensorsReader.open(Fixtures.tinyT5().resolve("expected.safetensors"))) {
            assertThat(r.names()).containsExactlyInAnyOrderElementsOf(iterable(summaries.fieldNames()));
            for (String name : r.names()) {
                JsonNode s = summaries.get(name);
                float[] v = r.loadFloats(name);
                double sum = 0;
                double abs = 0;
                for (float x : v) {
                    sum += x;
                    abs += Math.abs(x);
                }
                double scale = Math.max(1, s.get("abs_sum").asDouble());
                assertThat(sum).as(name + " sum").isCloseTo(s.get("sum").asDouble(), within(1e-9 * scale));
                assertThat(abs).as(name + " abs_sum").isCloseTo(s.get("abs_sum").asDouble(), within(1e-9 * scale));
                JsonNode first = s.get("first");
                for (int i = 0; i < first.size(); i++) {
                    assertThat(v[i]).as(name + "[" + i + "]").isEqualTo((float) first.get(i).asDouble());
                }
            }
        }
    }

    @Test
    void loadsIntoTheEngineAsFloat32AndFloat16() {
        try (SafetensorsReader r = SafetensorsReader.open(Fixtures.tinyT5());
                NDManager m = NDManager.newBaseManager()) {
            String name = "language_model.shared.weight";
            float[] expected = r.loadFloats(name);
            NDArray f32 = r.load(name, m, DataType.FLOAT32);
            assertThat(f32.getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(f32.getShape().getShape()).containsExactly(r.info(name).shape());
            assertThat(f32.getName()).isEqualTo(name);
            assertThat(f32.toFloatArray()).containsExactly(expected);
            NDArray f16 = r.load(name, m, DataType.FLOAT16);
            assertThat(f16.getDataType()).isEqualTo(DataType.FLOAT16);
            float[] back = f16.toType(DataType.FLOAT32, false).toFloatArray();
            for (int i = 0; i < expected.length; i++) {
                assertThat(back[i]).isCloseTo(expected[i], within(Math.abs(expected[i]) / 1024 + 1e-7f));
            }
            assertThat(r.load(name, m).getDataType()).isEqualTo(DataType.FLOAT32);
        }
    }

    @Test
    void aLoadedArrayDoesNotShareTheStagingBuffer() {
        try (SafetensorsReader r = SafetensorsReader.open(Fixtures.tinyT5());
                NDManager m = NDManager.newBaseManager()) {
            String small = "language_projection.bias";
            NDArray first = r.load(small, m, DataType.FLOAT32);
            r.load("language_model.shared.weight", m, DataType.FLOAT32); // reuses and overwrites staging
            r.load("language_model.lm_head.weight", m, DataType.FLOAT32);
            assertThat(first.toFloatArray()).containsExactly(r.loadFloats(small));
        }
    }

    @Test
    void unknownTensorAndBfloat16TargetAreRefusedWithoutTouchingTheEngine() {
        try (SafetensorsReader r = SafetensorsReader.open(Fixtures.tinyT5());
                NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> r.info("nope"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("nope")
                    .hasMessageContaining("model.safetensors");
            assertThatThrownBy(() -> r.load("language_projection.bias", m, DataType.BFLOAT16))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("BFLOAT16")
                    .hasMessageContaining("language_projection.bias");
        }
    }

    @Test
    void bf16TensorsLoadAsExactFloat32() {
        // bf16 keeps the top 16 bits of a float32, so these values are exact in both.
        float[] values = {1.0f, -2.5f, 0.15625f, 3.0e38f, -0.0f, Float.MIN_NORMAL, 65280f, 1.1754944e-38f};
        ByteBuffer data = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        float[] exact = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            int bits = Float.floatToRawIntBits(values[i]) >>> 16;
            data.putShort(i * 2, (short) bits);
            exact[i] = Float.intBitsToFloat(bits << 16);
        }
        Path file = tmp.resolve("bf16.safetensors");
        SafetensorsWriter.writeRaw(file, List.of(new SafetensorsWriter.RawTensor("w", "BF16", new long[] {2, 4}, data)), Map.of());
        try (SafetensorsReader r = SafetensorsReader.open(file);
                NDManager m = NDManager.newBaseManager()) {
            assertThat(r.info("w").dtype()).isEqualTo("BF16");
            assertThat(r.loadFloats("w")).containsExactly(exact);
            NDArray f32 = r.load("w", m);
            assertThat(f32.getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(f32.getShape().getShape()).containsExactly(2, 4);
            assertThat(f32.toFloatArray()).containsExactly(exact);
            NDArray f16 = r.load("w", m, DataType.FLOAT16);
            assertThat(f16.getDataType()).isEqualTo(DataType.FLOAT16);
            assertThat(f16.toType(DataType.FLOAT32, false).getFloat(0, 1)).isEqualTo(-2.5f);
        }
    }

    @Test
    void f16AndF64TensorsConvertToEveryFloatingTarget() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] v = {0.5f, -1.25f, 1024f, 6.1035156e-5f};
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            tensors.put("h", m.create(v).toType(DataType.FLOAT16, false));
            tensors.put("d", m.create(v).toType(DataType.FLOAT64, false));
            tensors.put("i", m.create(new long[] {7, -3}));
            Path file = tmp.resolve("mixed.safetensors");
            SafetensorsWriter.write(file, tensors, Map.of("note", "mixed"));
            try (SafetensorsReader r = SafetensorsReader.open(file)) {
                assertThat(r.metadata()).containsEntry("format", "pt").containsEntry("note", "mixed");
                assertThat(r.loadFloats("h")).containsExactly(v);
                assertThat(r.loadFloats("d")).containsExactly(v);
                assertThat(r.load("h", m, DataType.FLOAT32).toFloatArray()).containsExactly(v);
                assertThat(r.load("d", m, DataType.FLOAT16).toType(DataType.FLOAT32, false).toFloatArray()).containsExactly(v);
                assertThat(r.load("i", m).toLongArray()).containsExactly(7, -3);
                assertThatThrownBy(() -> r.loadFloats("i")).isInstanceOf(SafetensorsException.class).hasMessageContaining("'i'");
            }
        }
    }

    @Test
    void filesAreMappedInSeveralWindowsWhenTheyExceedTheWindowSize() {
        Path model = Fixtures.tinyT5().resolve("model.safetensors");
        try (SafetensorsReader whole = SafetensorsReader.open(model);
                SafetensorsReader windows = SafetensorsReader.open(model, 4096);
                NDManager m = NDManager.newBaseManager()) {
            assertThat(windows.files()).hasSize(1);
            for (String name : whole.names()) {
                assertThat(windows.loadFloats(name)).as(name).containsExactly(whole.loadFloats(name));
            }
            String big = "language_model.shared.weight"; // 150 x 40 x 4 bytes, larger than a window
            assertThat(windows.load(big, m, DataType.FLOAT32).toFloatArray()).containsExactly(whole.loadFloats(big));
        }
        SafetensorsFile f = SafetensorsFile.open(model, 4096);
        try {
            assertThat(f.windowCount()).isGreaterThan(10);
        } finally {
            f.close();
        }
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void openingANonCheckpointDirectoryNamesWhatWasMissing() {
        assertThatThrownBy(() -> SafetensorsReader.open(tmp))
                .isInstanceOf(SafetensorsException.class)
                .hasMessageContaining("model.safetensors")
                .hasMessageContaining("model.safetensors.index.json");
        assertThat(Files.exists(tmp)).isTrue();
    }
}
