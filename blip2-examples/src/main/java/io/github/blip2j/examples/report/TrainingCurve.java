package io.github.blip2j.examples.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the loss curve of a FineTuner run folder: {@code train-log.jsonl} (one line per optimizer
 * step) and, when it is there, the validation history in {@code metrics.json} next to it.
 */
public final class TrainingCurve {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainingCurve() {
    }

    /**
     * @param trainLog a run's {@code train-log.jsonl}, or its run folder
     * @throws IllegalArgumentException naming the file and line that is not a log line
     */
    public static List<LossPoint> read(Path trainLog) {
        Path file = Files.isDirectory(trainLog) ? trainLog.resolve("train-log.jsonl") : trainLog;
        List<LossPoint> out = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read training log " + file + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            JsonNode n;
            try {
                n = JSON.readTree(lines.get(i));
            } catch (IOException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": not a JSON line: " + e.getMessage(), e);
            }
            if (!n.path("step").canConvertToLong()) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected {\"step\": N, \"loss\": x, ...}");
            }
            out.add(new LossPoint(n.get("step").asLong(), number(n.get("loss")), false));
        }
        Path metrics = file.resolveSibling("metrics.json");
        if (Files.isRegularFile(metrics)) {
            try {
                for (JsonNode v : JSON.readTree(metrics.toFile()).path("state").path("validation")) {
                    out.add(new LossPoint(v.path("step").asLong(), number(v.get("loss")), true));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + metrics + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static double number(JsonNode n) {
        return n != null && n.isNumber() ? n.asDouble() : Double.NaN;
    }
}
