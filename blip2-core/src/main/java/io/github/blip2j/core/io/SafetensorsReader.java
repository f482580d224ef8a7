package io.github.blip2j.core.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads tensors from a safetensors checkpoint: one file of any size, or a sharded checkpoint
 * described by {@code model.safetensors.index.json}.
 *
 * <p>Files are memory-mapped (several mappings per file when it exceeds 2 GiB) and every header is
 * validated when the reader opens, so a corrupt checkpoint fails before any weight is loaded, with
 * a message that names the file and tensor. Loading copies a tensor's bytes from the mapping into a
 * reusable direct staging buffer and lets libtorch clone it; no heap copy of a whole file is made.
 *
 * <p>BF16 tensors are widened to float32 in Java and never reach the engine as BFLOAT16 (see
 * {@link DTypes}). Thread-safe; closing releases the file handles (the mappings themselves go with
 * the garbage collector, as Java offers no explicit unmap).
 *
 * <pre>{@code
 * try (SafetensorsReader r = SafetensorsReader.open(modelDir);
 *      NDManager m = NDManager.newBaseManager()) {
 *     NDArray w = r.load("language_projection.weight", m, DataType.FLOAT32);
 * }
 * }</pre>
 */
public final class SafetensorsReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SafetensorsReader.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The single-file checkpoint name inside a model directory. */
    public static final String SINGLE_FILE = "model.safetensors";
    /** The sharded checkpoint index name inside a model directory. */
    public static final String INDEX_FILE = "model.safetensors.index.json";

    private final Path source;
    private final List<SafetensorsFile> files;
    private final Map<String, SafetensorsFile> fileOf;
    private final Set<String> names;
    private final Map<String, String> metadata;
    private ByteBuffer staging;

    private SafetensorsReader(
            Path source, List<SafetensorsFile> files, Map<String, SafetensorsFile> fileOf, Map<String, String> metadata) {
        this.source = source;
        this.files = List.copyOf(files);
        this.fileOf = fileOf;
        this.names = Collections.unmodifiableSet(new TreeSet<>(fileOf.keySet()));
        this.metadata = Map.copyOf(metadata);
    }

    /**
     * Opens a checkpoint.
     *
     * @param path a {@code .safetensors} file, a {@code model.safetensors.index.json}, or a model
     *     directory holding {@code model.safetensors} or {@code model.safetensors.index.json}
     * @return an open reader; every header has been validated
     * @throws SafetensorsException if a header or the index is malformed, or nothing loadable is found
     * @throws UncheckedIOException if a file cannot be read
     */
    public static SafetensorsReader open(Path path) {
        return open(path, SafetensorsFile.MAX_WINDOW);
    }

    /** As {@link #open(Path)} with a smaller mapping window, so tests can exercise multi-window files. */
    static SafetensorsReader open(Path path, long maxWindow) {
        if (Files.isDirectory(path)) {
            Path single = path.resolve(SINGLE_FILE);
            Path index = path.resolve(INDEX_FILE);
            if (Files.isRegularFile(single)) {
                return openSingle(single, maxWindow);
            }
            if (Files.isRegularFile(index)) {
                return openIndex(index, maxWindow);
            }
            throw new SafetensorsException(path + ": no " + SINGLE_FILE + " or " + INDEX_FILE
                    + " in this directory");
        }
        if (!Files.isRegularFile(path)) {
            throw new SafetensorsException(path + ": no such file or directory");
        }
        if (path.getFileName().toString().endsWith(".json")) {
            return openIndex(path, maxWindow);
        }
        return openSingle(path, maxWindow);
    }

    private static SafetensorsReader openSingle(Path file, long maxWindow) {
        SafetensorsFile f = SafetensorsFile.open(file, maxWindow);
        Map<String, SafetensorsFile> fileOf = new LinkedHashMap<>();
        for (String name : f.entries().keySet()) {
            fileOf.put(name, f);
        }
        LOG.debug("opened {} ({} tensors)", file, fileOf.size());
        return new SafetensorsReader(file, List.of(f), fileOf, f.metadata());
    }

    private static SafetensorsReader openIndex(Path index, long maxWindow) {
        JsonNode root;
        try {
            root = JSON.readTree(index.toFile());
        } catch (IOException e) {
            throw new SafetensorsException(index + ": not a readable JSON index: " + e.getMessage(), e);
        }
        JsonNode weightMap = root == null ? null : root.get("weight_map");
        if (weightMap == null || !weightMap.isObject() || weightMap.isEmpty()) {
            throw new SafetensorsException(index + ": missing or empty \"weight_map\" object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        JsonNode meta = root.get("metadata");
        if (meta != null && meta.isObject()) {
            meta.properties().forEach(e -> metadata.put(e.getKey(), e.getValue().asText()));
        }
        Path dir = index.toAbsolutePath().getParent();
        Map<String, SafetensorsFile> shards = new LinkedHashMap<>();
        Map<String, SafetensorsFile> fileOf = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, JsonNode> e : weightMap.properties()) {
                String tensor = e.getKey();
                String shardName = e.getValue().asText();
                if (!e.getValue().isTextual() || shardName.isEmpty()) {
                    throw new SafetensorsException(index + ": weight_map entry for '" + tensor
                            + "' must be a shard file name, got " + e.getValue());
                }
                Path shardPath = dir.resolve(shardName).normalize();
                if (!shardPath.startsWith(dir)) {
                    throw new SafetensorsException(index + ": shard '" + shardName + "' of tensor '"
                            + tensor + "' lies outside the index's directory");
                }
                SafetensorsFile shard = shards.get(shardName);
                if (shard == null) {
                    if (!Files.isRegularFile(shardPath)) {
                        throw new SafetensorsException(index + ": shard " + shardPath + " (holding '"
                                + tensor + "') does not exist");
                    }
                    shard = SafetensorsFile.open(shardPath, maxWindow);
                    shards.put(shardName, shard);
                }
                if (!shard.entries().containsKey(tensor)) {
                    throw new SafetensorsException(index + ": weight_map puts tensor '" + tensor
                            + "' in " + shardPath + ", but that shard has no such tensor");
                }
                fileOf.put(tensor, shard);
            }
            for (SafetensorsFile shard : shards.values()) {
                for (String name : shard.entries().keySet()) {
                    if (fileOf.get(name) != shard) {
                        LOG.warn("{}: tensor '{}' is not in the index {}; ignored", shard.path(), name, index);
                    }
                }
            }
        } catch (RuntimeException e) {
            shards.values().forEach(SafetensorsFile::close);
            throw e;
        }
        LOG.debug("opened {} ({} tensors in {} shards)", index, fileOf.size(), shards.size());
        return new SafetensorsReader(index, new ArrayList<>(shards.values()), fileOf, metadata);
    }

    /** The path this reader was opened from (file or index). */
    public Path source() {
        return source;
    }

    /** The files holding the tensors (one, or every shard). */
    public List<Path> files() {
        return files.stream().map(SafetensorsFile::path).toList();
    }

    /** {@code __metadata__} of a single file, or {@code metadata} of an index. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** All tensor names, sorted. */
    public Set<String> names() {
        return names;
    }

    /** True if the checkpoint holds a tensor called {@code name}. */
    public boolean contains(String name) {
        return fileOf.containsKey(name);
    }

    /**
     * The header entry of a tensor.
     *
     * @throws IllegalArgumentException if there is no such tensor (the message names the checkpoint)
     */
    public TensorInfo info(String name) {
        return entry(name).info();
    }

    private SafetensorsHeader.Entry entry(String name) {
        SafetensorsFile f = fileOf.get(name);
        if (f == null) {
            throw new IllegalArgumentException("no tensor '" + name + "' in " + source);
        }
        return f.entries().get(name);
    }

    /** Loads a tensor at its stored precision (BF16 as FLOAT32). */
    public NDArray load(String name, NDManager manager) {
        return load(name, manager, DTypes.loadedType(info(name).dtype()));
    }

    /**
     * Loads a tensor into {@code manager}, converted to {@code target}.
     *
     * <p>F32, F16, BF16 and F64 convert to any floating target (FLOAT32, FLOAT16, FLOAT64); integer
     * and bool tensors load as their own type or are cast. The result owns native memory of its own
     * (it does not point into the file or the staging buffer) and carries {@code name} as its name.
     *
     * @param name the tensor name
     * @param manager where the array lives
     * @param target the wanted type; BFLOAT16 is refused with an {@link IllegalArgumentException}
     *     (map it with {@link DTypes#engineSafe(DataType)} first)
     * @throws IllegalArgumentException unknown tensor, or a target the engine cannot hold
     * @throws SafetensorsException a tensor over 2 GiB, or a stored dtype DJL cannot hold
     */
    public NDArray load(String name, NDManager manager, DataType target) {
        SafetensorsHeader.Entry e = entry(name);
        String where = "tensor '" + name + "' in " + e.info().file();
        DTypes.requireEngineSafe(target, "target dtype of " + where);
        String dtype = e.info().dtype();
        DataType stored;
        try {
            stored = DTypes.loadedType(dtype);
        } catch (IllegalArgumentException ex) {
            throw new SafetensorsException(where + ": " + ex.getMessage(), ex);
        }
        Shape shape = new Shape(e.info().shape());
        ByteBuffer src = fileOf.get(name).bytes(name);
        synchronized (this) {
            ByteBuffer staged = stage(src, dtype, stored, where);
            NDArray view = manager.create(staged, shape, stored);
            try {
                // The view reads the staging buffer; the copy/cast gives the result memory of its own.
                NDArray owned = stored == target ? view.duplicate() : view.toType(target, true);
                owned.setName(name);
                return owned;
            } finally {
                view.close();
            }
        }
    }

    /**
     * Reads a floating tensor into a Java array (F32, F16, BF16, F64, widened or rounded to float).
     * Meant for small tensors, configs and tests; no native engine is involved.
     *
     * @throws SafetensorsException for a non-floating dtype or more than 2^31-1 elements
     */
    public float[] loadFloats(String name) {
        SafetensorsHeader.Entry e = entry(name);
        String where = "tensor '" + name + "' in " + e.info().file();
        long n = e.info().numel();
        if (n > Integer.MAX_VALUE - 8) {
            throw new SafetensorsException(where + ": " + n + " elements do not fit a Java array");
        }
        ByteBuffer src = fileOf.get(name).bytes(name);
        float[] out = new float[(int) n];
        switch (e.info().dtype()) {
            case "F32" -> src.asFloatBuffer().get(out);
            case "F64" -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = (float) src.getDouble(i * 8);
                }
            }
            case "F16" -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = DTypes.halfToFloat(src.getShort(i * 2));
                }
            }
            case "BF16" -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = DTypes.bf16ToFloat(src.getShort(i * 2));
                }
            }
            default -> throw new SafetensorsException(where + ": dtype " + e.info().dtype()
                    + " is not floating; loadFloats reads F32, F16, BF16, F64");
        }
        return out;
    }

    /** Copies the tensor into the native-order staging buffer, widening BF16 to F32. */
    private ByteBuffer stage(ByteBuffer src, String dtype, DataType stored, String where) {
        int elementSize = DTypes.byteSize(dtype);
        int count = src.remaining() / elementSize;
        long needed = (long) count * stored.getNumOfBytes();
        if (needed > Integer.MAX_VALUE) {
            throw new SafetensorsException(where + ": " + needed + " bytes after conversion exceed 2 GiB");
        }
        if (staging == null || staging.capacity() < needed) {
            staging = null; // let the old one go before allocating the new one
            staging = ByteBuffer.allocateDirect((int) needed).order(ByteOrder.nativeOrder());
        }
        ByteBuffer dst = staging.duplicate().clear().limit((int) needed).slice().order(ByteOrder.nativeOrder());
        if (dtype.equals("BF16")) {
            for (int i = 0; i < count; i++) {
                dst.putFloat(i * 4, DTypes.bf16ToFloat(src.getShort(i * 2)));
            }
        } else {
            ByteOrders.copy(src, dst, elementSize);
        }
        return dst;
    }

    @Override
    public synchronized void close() {
        staging = null;
        RuntimeException first = null;
        for (SafetensorsFile f : files) {
            try {
                f.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
