package io.github.blip2j.core.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code train-log.jsonl}: one JSON object per optimizer step ({@code step, epoch, loss, lr,
 * grad_norm, time, elapsed, skipped, timestamp}), flushed after every line. Non-finite numbers are
 * written as {@code null}. A resumed run first drops the lines after its checkpoint, so the log
 * of a resumed run lists every step once, as an uninterrupted run's does.
 */
final class TrainLog implements AutoCloseable {

    static final String FILE = "train-log.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final BufferedWriter out;

    private TrainLog(Path file, BufferedWriter out) {
        this.file = file;
        this.out = out;
    }

    /**
     * Opens the log of {@code runDir} for appending, keeping only lines of steps {@code <= keepUpTo}
     * (all lines are dropped for a fresh run, {@code keepUpTo = 0}).
     */
    static TrainLog open(Path runDir, long keepUpTo) {
        Path file = runDir.resolve(FILE);
        try {
            Files.createDirectories(runDir);
            List<String> kept = new ArrayList<>();
            if (keepUpTo > 0 && Files.isRegularFile(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode n;
                    try {
                        n = JSON.readTree(line);
                    } catch (IOException e) {
                        continue; // a line cut by a crash
                    }
                    if (n.path("step").asLong(Long.MAX_VALUE) <= keepUpTo) {
                        kept.add(line);
                    }
                }
            }
            Path tmp = file.resolveSibling(FILE + ".tmp");
            Files.write(tmp, kept, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            return new TrainLog(file, w);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    Path file() {
        return file;
    }

    void append(StepRecord r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("step", r.step());
        n.put("epoch", r.epoch());
        number(n, "loss", r.loss());
        number(n, "lr", r.learningRate());
        number(n, "grad_norm", r.gradNorm());
        n.put("time", r.seconds());
        n.put("elapsed", r.elapsedSeconds());
        n.put("examples", r.examples());
        n.put("skipped", r.skipped());
        n.put("timestamp", Instant.now().toString());
        try {
            out.write(JSON.writeValueAsString(n));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }

    private static void number(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, v);
        } else {
            n.putNull(key);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file + ": " + e.getMessage(), e);
        }
    }
}
