package io.github.blip2j.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

class SafetensorsWriterTest {

    @TempDir Path tmp;

    @Test
    void roundTripsFloat32AndFloat16WithThePythonLayout() throws Exception {
        Path file = tmp.resolve("out.safetensors");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.arange(12f).reshape(3, 4).div(7);
            NDArray h = m.create(new float[] {0.5f, -3f, 1e-3f}).toType(DataType.FLOAT16, false);
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            tensors.put("z.f16", h);
            tensors.put("a.f32", a);
            tensors.put("s.scalar", m.create(2.5f).reshape(new Shape()));
            SafetensorsWriter.write(file, tensors, Map.of("who", "test"));

            byte[] bytes = Files.readAllBytes(file);
            long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
            assertThat(headerLength % 8).isZero();
            String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
            assertThat(header).startsWith("{\"__metadata__\":{\"format\":\"pt\",\"who\":\"test\"}");
            // 4-byte tensors first, then by name; the 2-byte one last.
            assertThat(header.indexOf("a.f32")).isLessThan(header.indexOf("s.scalar"));
            assertThat(header.indexOf("s.scalar")).isLessThan(header.indexOf("z.f16"));

            try (SafetensorsReader r = SafetensorsReader.open(file)) {
                assertThat(r.names()).containsExactly("a.f32", "s.scalar", "z.f16");
                assertThat(r.info("a.f32").shape()).containsExactly(3, 4);
                assertThat(r.info("s.scalar").shape()).isEmpty();
                assertThat(r.info("z.f16").dtype()).isEqualTo("F16");
                assertThat(r.loadFloats("a.f32")).containsExactly(a.toFloatArray());
                assertThat(r.loadFloats("s.scalar")).containsExactly(2.5f);
                assertThat(r.load("z.f16", m).toType(DataType.FLOAT32, false).toFloatArray())
                        .containsExactly(h.toType(DataType.FLOAT32, false).toFloatArray());
            }
        }
    }

    @Test
    void rewritingTheFixtureGivesTheSameTensors() {
        Path copy = tmp.resolve("copy.safetensors");
        try (SafetensorsReader original = SafetensorsReader.open(Fixtures.tinyT5());
                NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> all = new LinkedHashMap<>();
            for (String name : original.names()) {
                all.put(name, original.load(name, m));
            }
            SafetensorsWriter.write(copy, all, Map.of());
            try (SafetensorsReader back = SafetensorsReader.open(copy)) {
                assertThat(back.names()).isEqualTo(original.names());
                for (String name : original.names()) {
                    assertThat(back.loadFloats(name)).as(name).containsExactly(original.loadFloats(name));
                }
            }
        }
    }

    @Test
    void aFailedWriteLeavesTheExistingFileAndNoTemporaryFiles() throws Exception {
        Path file = tmp.resolve("keep.safetensors");
        ByteBuffer good = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(0, 1f);
        SafetensorsWriter.writeRaw(file, List.of(new SafetensorsWriter.RawTensor("x", "F32", new long[] {1}, good)), Map.of());
        byte[] before = Files.readAllBytes(file);
        ByteBuffer wrongLength = ByteBuffer.allocate(6);
        assertThatThrownBy(() -> SafetensorsWriter.writeRaw(file,
                        List.of(new SafetensorsWriter.RawTensor("y", "F32", new long[] {2}, wrongLength)), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'y'")
                .hasMessageContaining("needs 8 bytes");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        try (var files = Files.list(tmp)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void bigEndianRawDataIsStoredLittleEndian() {
        Path file = tmp.resolve("be.safetensors");
        ByteBuffer be = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putFloat(0, 1.5f).putFloat(4, -7f);
        SafetensorsWriter.writeRaw(file, List.of(new SafetensorsWriter.RawTensor("x", "F32", new long[] {2}, be)), Map.of());
        try (SafetensorsReader r = SafetensorsReader.open(file)) {
            assertThat(r.loadFloats("x")).containsExactly(1.5f, -7f);
        }
    }
}
