package io.github.blip2j.examples.caption;

import com.fasterxml.jackson.core.JsonProcessingException;
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
 * Reads a JSON Lines manifest: one {@code {"image": "path", "prompt": "optional text"}} object per
 * line; blank lines are skipped and other keys ignored. A relative image path is resolved against the
 * manifest's directory, so a manifest travels with its images.
 */
final class Manifest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Manifest() {}

    /**
     * @throws IllegalArgumentException naming the file and line of a malformed entry
     * @throws UncheckedIOException when the file cannot be read
     */
    static List<ManifestEntry> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read manifest " + file + ": " + e.getMessage(), e);
        }
        Path base = file.toAbsolutePath().getParent();
        List<ManifestEntry> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.isEmpty()) {
                out.add(parse(line, base, file + ":" + (i + 1)));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("manifest " + file + " lists no images");
        }
        return out;
    }

    private static ManifestEntry parse(String line, Path base, String where) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + ": not a JSON object: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(where + ": expected a JSON object {\"image\": \"path\", \"prompt\": ...}");
        }
        JsonNode image = node.get("image");
        if (image == null || !image.isTextual() || image.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": \"image\" must be a non-empty string, got " + image);
        }
        JsonNode prompt = node.get("prompt");
        if (prompt != null && !prompt.isNull() && !prompt.isTextual()) {
            throw new IllegalArgumentException(where + ": \"prompt\" must be a string or absent, got " + prompt);
        }
        String label = image.asText();
        return new ManifestEntry(label, base.resolve(label), prompt == null || prompt.isNull() ? null : prompt.asText());
    }
}
