package io.github.blip2j.core.train;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.blip2j.core.io.SafetensorsWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoints of a run, under {@code RUN_DIR/checkpoints/}: {@code step-NNNNNNNN/} (the latest
 * {@code keep}) and {@code best-step-NNNNNNNN/} (the best by validation), each holding
 * {@code trainable.safetensors}, {@code optimizer.safetensors} (not for best) and {@code state.json}.
 *
 * <p>Crash safety: a checkpoint is written into {@code .tmp-...} (every file flushed to disk,
 * {@code state.json} last, with the size and CRC-32C of every other file), then renamed into place
 * in one atomic directory rename. A run killed while writing leaves only a temporary folder, which is
 * ignored and removed; a checkpoint whose files do not match their recorded checksums is skipped
 * with a warning, and the next older one is used.
 */
final class CheckpointStore {

    static final String WEIGHTS = "trainable.safetensors";
    static final String OPTIMIZER = "optimizer.safetensors";
    static final String STATE = "state.json";

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    // "-rN": a later checkpoint of the same step (an epoch end right after a step checkpoint, or a
    // resumed run saving again); never overwriting a committed folder keeps every rename crash-safe.
    private static final Pattern STEP_DIR = Pattern.compile("step-(\\d{8,})(?:-r(\\d+))?");
    private static final Pattern BEST_DIR = Pattern.compile("best-step-(\\d{8,})(?:-r(\\d+))?");

    private final Path root;
    private final int keep;

    /** A verified checkpoint on disk. */
    record Checkpoint(Path dir, long step, JsonNode state) {
        Path weights() {
            return dir.resolve(WEIGHTS);
        }

        Path optimizer() {
            return dir.resolve(OPTIMIZER);
        }
    }

    CheckpointStore(Path runDir, int keep) {
        this.root = runDir.resolve("checkpoints");
        this.keep = keep;
    }

    Path root() {
        return root;
    }

    /** Whether any committed checkpoint folder exists (valid or not). */
    boolean hasCheckpoints() {
        return !list(STEP_DIR).isEmpty();
    }

    /** Writes a step checkpoint and prunes all but the newest {@code keep}. */
    Path saveStep(long step, Map<String, NDArray> weights, Map<String, NDArray> optimizer, ObjectNode state) {
        Path dir = write(freeName("step", step, STEP_DIR), weights, optimizer, state);
        List<Path> steps = list(STEP_DIR);
        for (int i = keep; i < steps.size(); i++) {
            deleteTree(steps.get(i));
        }
        return dir;
    }

    /** Writes the best checkpoint (weights and state) and removes older best ones. */
    Path saveBest(long step, Map<String, NDArray> weights, ObjectNode state) {
        Path dir = write(freeName("best-step", step, BEST_DIR), weights, null, state);
        for (Path p : list(BEST_DIR)) {
            if (!p.equals(dir)) {
                deleteTree(p);
            }
        }
        return dir;
    }

    /** The newest valid step checkpoint; removes leftovers of interrupted writes. */
    Optional<Checkpoint> latest() {
        removeTemporaries();
        return firstValid(list(STEP_DIR), STEP_DIR);
    }

    /** The newest valid best checkpoint. */
    Optional<Checkpoint> best() {
        return firstValid(list(BEST_DIR), BEST_DIR);
    }

    private Optional<Checkpoint> firstValid(List<Path> dirs, Pattern pattern) {
        for (Path d : dirs) {
            try {
                JsonNode state = verify(d);
                Matcher m = pattern.matcher(d.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                return Optional.of(new Checkpoint(d, Long.parseLong(m.group(1)), state));
            } catch (RuntimeException e) {
                LOG.warn("ignoring checkpoint {}: {}", d, e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** Reads state.json and checks every listed file's size and CRC-32C. */
    static JsonNode verify(Path dir) {
        Path stateFile = dir.resolve(STATE);
        if (!Files.isRegularFile(stateFile)) {
            throw new IllegalStateException("no " + STATE + " (incomplete checkpoint)");
        }
        JsonNode state;
        try {
            state = JSON.readTree(stateFile.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(STATE + " is not valid JSON: " + e.getMessage(), e);
        }
        JsonNode files = state.path("files");
        if (!files.isObject() || files.isEmpty()) {
            throw new IllegalStateException(STATE + " lists no files");
        }
        Iterator<Map.Entry<String, JsonNode>> it = files.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            Path f = dir.resolve(e.getKey());
            long size;
            try {
                size = Files.size(f);
            } catch (IOException ex) {
                throw new IllegalStateException(e.getKey() + " is missing");
            }
            if (size != e.getValue().path("bytes").asLong(-1)) {
                throw new IllegalStateException(e.getKey() + " has " + size + " bytes, " + STATE + " says "
                        + e.getValue().path("bytes").asLong(-1));
            }
            String crc = crc32c(f);
            if (!crc.equals(e.getValue().path("crc32c").asText())) {
                throw new IllegalStateException(e.getKey() + " has CRC-32C " + crc + ", " + STATE + " says "
                        + e.getValue().path("crc32c").asText());
            }
        }
        return state;
    }

    private Path write(String name, Map<String, NDArray> weights, Map<String, NDArray> optimizer, ObjectNode state) {
        Path tmp = root.resolve(".tmp-" + name + "-" + System.nanoTime());
        Path target = root.resolve(name);
        try {
            Files.createDirectories(tmp);
            ObjectNode files = JSON.createObjectNode();
            writeTensors(tmp.resolve(WEIGHTS), weights, files);
            if (optimizer != null) {
                writeTensors(tmp.resolve(OPTIMIZER), optimizer, files);
            }
            ObjectNode full = state.deepCopy();
            full.set("files", files);
            Path stateFile = tmp.resolve(STATE);
            Files.write(stateFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(full));
            fsync(stateFile);
            fsync(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new UncheckedIOException("the file system of " + root + " cannot rename atomically; checkpoints"
                        + " need it to survive a crash", e);
            }
            fsync(root);
            return target;
        } catch (IOException e) {
            deleteTree(tmp);
            throw new UncheckedIOException("cannot write checkpoint " + target + ": " + e.getMessage(), e);
        }
    }

    private static void writeTensors(Path file, Map<String, NDArray> tensors, ObjectNode files) throws IOException {
        SafetensorsWriter.write(file, tensors, Map.of("format", "pt"));
        fsync(file);
        ObjectNode entry = files.putObject(file.getFileName().toString());
        entry.put("bytes", Files.size(file));
        entry.put("crc32c", crc32c(file));
    }

    private static String crc32c(Path f) {
        CRC32C crc = new CRC32C();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(f)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                crc.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
        return Long.toHexString(crc.getValue());
    }

    static void fsync(Path p) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            if (!Files.isDirectory(p)) {
                throw e;
            }
            // Some file systems refuse to sync a directory; the rename is still atomic.
        }
    }

    /** Committed folders matching {@code pattern}, newest step first. */
    private List<Path> list(Pattern pattern) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
            for (Path p : ds) {
                if (Files.isDirectory(p) && pattern.matcher(p.getFileName().toString()).matches()) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparingDouble((Path p) -> stepOf(p, pattern)).reversed());
        return out;
    }

    /** Step and revision as one sortable number. */
    private static double stepOf(Path dir, Pattern pattern) {
        Matcher m = pattern.matcher(dir.getFileName().toString());
        if (!m.matches()) {
            return -1;
        }
        long rev = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
        return Long.parseLong(m.group(1)) + rev / 1e6;
    }

    /** {@code prefix-NNNNNNNN}, or with the next free {@code -rN} when that step is taken. */
    private String freeName(String prefix, long step, Pattern pattern) {
        String base = String.format("%s-%08d", prefix, step);
        if (!Files.exists(root.resolve(base))) {
            return base;
        }
        int rev = 1;
        while (Files.exists(root.resolve(base + "-r" + rev))) {
            rev++;
        }
        return base + "-r" + rev;
    }

    private void removeTemporaries() {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root, ".tmp-*")) {
            for (Path p : ds) {
                LOG.info("removing {} left by an interrupted checkpoint write", p);
                deleteTree(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", p, e.getMessage());
        }
    }
}
