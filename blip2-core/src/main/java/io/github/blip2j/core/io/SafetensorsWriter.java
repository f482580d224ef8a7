package io.github.blip2j.core.io;

import ai.djl.ndarray.NDArray;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes safetensors files in the layout the Python library produces: an 8-byte little-endian
 * header length, a JSON header with {@code __metadata__} ({@code format: pt} unless given) padded
 * with spaces to a multiple of 8 bytes, then the tensors' little-endian bytes, ordered by element
 * size (largest first, which keeps every tensor aligned) and then by name.
 *
 * <p>The file is written next to its destination under a temporary name and moved into place
 * atomically, so a failed write never leaves a truncated file where a good one was.
 */
public final class SafetensorsWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A tensor given as raw little-endian bytes, for dtypes no DJL array can hold (BF16) or when no
     * engine is at hand.
     *
     * @param name tensor name
     * @param dtype safetensors dtype name ("F32", "F16", "BF16", ...)
     * @param shape shape
     * @param data exactly numel x dtype size bytes, from position to limit, in the buffer's byte order
     *     (for example a {@code ByteBuffer.allocate(n).order(LITTLE_ENDIAN)} filled with putShort)
     */
    public record RawTensor(String name, String dtype, long[] shape, ByteBuffer data) {
        /** Validates the dtype and copies the shape. */
        public RawTensor {
            Objects.requireNonNull(name, "name");
            DTypes.byteSize(dtype);
            shape = shape.clone();
            data = data.duplicate().order(data.order()); // duplicate() alone resets the order
        }
    }

    private SafetensorsWriter() {}

    /**
     * Writes DJL arrays (FLOAT32, FLOAT16, FLOAT64, INT64, INT32, INT8, UINT8, BOOLEAN).
     *
     * @param file destination; replaced atomically if it exists
     * @param tensors name to array; arrays are read, not closed
     * @param metadata {@code __metadata__} entries; {@code format} defaults to {@code pt}
     * @throws IllegalArgumentException for an unsupported data type (named with the tensor)
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void write(Path file, Map<String, NDArray> tensors, Map<String, String> metadata) {
        List<RawTensor> raw = new ArrayList<>(tensors.size());
        for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
            NDArray array = e.getValue();
            String dtype;
            try {
                dtype = DTypes.toSafetensors(array.getDataType());
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("tensor '" + e.getKey() + "': " + ex.getMessage(), ex);
            }
            raw.add(new RawTensor(e.getKey(), dtype, array.getShape().getShape(), array.toByteBuffer()));
        }
        writeRaw(file, raw, metadata);
    }

    /**
     * Writes raw tensors. Bytes of {@link RawTensor#data()} are taken in the buffer's own byte order
     * and stored little-endian.
     *
     * @throws IllegalArgumentException duplicate names, or data whose length does not match
     *     dtype x shape (named with the tensor)
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void writeRaw(Path file, List<RawTensor> tensors, Map<String, String> metadata) {
        List<RawTensor> sorted = new ArrayList<>(tensors);
        sorted.sort(Comparator.comparingInt((RawTensor t) -> -DTypes.byteSize(t.dtype()))
                .thenComparing(RawTensor::name));
        ObjectNode header = JSON.createObjectNode();
        ObjectNode meta = header.putObject("__metadata__");
        Map<String, String> allMeta = new LinkedHashMap<>();
        allMeta.put("format", "pt");
        if (metadata != null) {
            allMeta.putAll(metadata);
        }
        allMeta.forEach(meta::put);
        long offset = 0;
        for (RawTensor t : sorted) {
            if (t.name().equals("__metadata__") || header.has(t.name())) {
                throw new IllegalArgumentException("duplicate or reserved tensor name '" + t.name() + "' for " + file);
            }
            long expected = Math.multiplyExact(numel(t.shape()), DTypes.byteSize(t.dtype()));
            if (t.data().remaining() != expected) {
                throw new IllegalArgumentException("tensor '" + t.name() + "': " + t.dtype() + " x shape "
                        + Arrays.toString(t.shape()) + " needs " + expected + " bytes, data has "
                        + t.data().remaining());
            }
            ObjectNode entry = header.putObject(t.name());
            entry.put("dtype", t.dtype());
            ArrayNode shape = entry.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            entry.putArray("data_offsets").add(offset).add(offset + expected);
            offset += expected;
        }
        byte[] json;
        try {
            json = JSON.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int padded = (json.length + 7) / 8 * 8;
        byte[] headerBytes = Arrays.copyOf(json, padded);
        Arrays.fill(headerBytes, json.length, padded, (byte) ' ');
        writeAtomically(file, headerBytes, sorted);
    }

    private static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    private static void writeAtomically(Path file, byte[] header, List<RawTensor> tensors) {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length);
                writeFully(out, len);
                writeFully(out, ByteBuffer.wrap(header));
                for (RawTensor t : tensors) {
                    writeTensor(out, t);
                }
                out.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write safetensors file " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort; the destination is untouched either way
                }
            }
        }
    }

    private static void writeTensor(FileChannel out, RawTensor t) throws IOException {
        ByteBuffer data = t.data();
        if (data.order() == ByteOrder.LITTLE_ENDIAN || DTypes.byteSize(t.dtype()) == 1) {
            writeFully(out, data.duplicate());
            return;
        }
        // Swap in chunks so a big-endian source never needs a second full-size copy.
        int size = DTypes.byteSize(t.dtype());
        int chunk = 1 << 20;
        ByteBuffer src = data.duplicate();
        while (src.hasRemaining()) {
            int n = Math.min(chunk, src.remaining());
            ByteBuffer part = src.slice().limit(n).order(data.order());
            ByteBuffer le = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
            ByteOrders.copy(part, le, size);
            writeFully(out, le);
            src.position(src.position() + n);
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            out.write(buf);
        }
    }
}
