package io.github.blip2j.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real file over 2 GiB, built sparse (two 1.2 GB zero tensors the file system never stores)
 * with a small tensor after them, so its offsets exceed what one mapping can address.
 */
class SafetensorsLargeFileTest {

    @TempDir Path tmp;

    @Test
    void tensorsPastTwoGibibytesAreRead() throws Exception {
        assumeThat(Files.getFileStore(tmp).getUsableSpace()).as("free space for a sparse file").isGreaterThan(4L << 30);
        long big = 300_000_000L; // F32 elements, 1.2 GB each
        long bigBytes = big * 4;
        String header = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[" + big + "],\"data_offsets\":[0," + bigBytes + "]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[" + big + "],\"data_offsets\":[" + bigBytes + "," + 2 * bigBytes + "]},"
                + "\"tail\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[" + 2 * bigBytes + "," + (2 * bigBytes + 16) + "]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        Path file = tmp.resolve("big.safetensors");
        long dataStart = 8 + h.length;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, h.length);
            raf.write(prefix.array());
            raf.write(h);
            raf.setLength(dataStart + 2 * bigBytes + 16);
            raf.seek(dataStart + 2 * bigBytes);
            ByteBuffer tail = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            tail.putFloat(1.5f).putFloat(-2f).putFloat(3.25f).putFloat(1e-3f);
            raf.write(tail.array());
            raf.seek(dataStart + bigBytes - 4);
            raf.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(0, 7f).array());
        }
        assertThat(Files.size(file)).isGreaterThan(Integer.MAX_VALUE);
        try (SafetensorsReader r = SafetensorsReader.open(file);
                NDManager m = NDManager.newBaseManager()) {
            assertThat(r.names()).containsExactly("a", "b", "tail");
            assertThat(r.loadFloats("tail")).containsExactly(1.5f, -2f, 3.25f, 1e-3f);
            assertThat(r.load("tail", m, DataType.FLOAT32).toFloatArray()).containsExactly(1.5f, -2f, 3.25f, 1e-3f);
            assertThat(r.info("b").byteLength()).isEqualTo(bigBytes);
        }
        SafetensorsFile f = SafetensorsFile.open(file, SafetensorsFile.MAX_WINDOW);
        try {
            assertThat(f.windowCount()).isEqualTo(2); // [a] and [b, tail]: no window may span 2 GiB
            assertThat(f.bytes("a").getFloat((int) (bigBytes - 4))).isEqualTo(7f);
            assertThat(f.bytes("b").getFloat(0)).isEqualTo(0f);
        } finally {
            f.close();
        }
    }
}
