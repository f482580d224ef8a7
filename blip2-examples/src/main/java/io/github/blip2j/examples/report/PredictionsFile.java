package io.github.blip2j.examples.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads predicted captions in the forms the CLI writes or takes:
 * <ul>
 *   <li>a JSON array of objects with {@code "image_id"} (COCO results, {@code blip2 eval}) or
 *       {@code "image"} ({@code blip2 caption --json}) and {@code "caption"}; for an image with
 *       several returned sequences the first is kept;</li>
 *   <li>a JSON object {@code {"image id": "caption", ...}};</li>
 *   <li>text lines {@code image<TAB>caption} ({@code blip2 caption}'s default output).</li>
 * </ul>
 * An image given as a path ({@code blip2 caption photos/x.jpg}) keeps its path as id; use
 * {@link #matchIds} to map such ids onto the references' ids by file name.
 */
public final class PredictionsFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PredictionsFile() {
    }

    /**
     * Image id to caption, in file order.
     *
     * @throws IllegalArgumentException naming the file and the entry or line that is malformed
     */
    public static Map<String, String> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read predictions " + file + ": " + e.getMessage(), e);
        }
        String t = text.stripLeading();
        if (t.startsWith("\uFEFF")) {
            t = t.substring(1);
        }
        if (t.startsWith("[") || t.startsWith("{")) {
            return readJson(file, t);
        }
        return readLines(file, text);
    }

    private static Map<String, String> readJson(Path file, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": malformed JSON: " + e.getMessage(), e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (root.isObject()) {
            for (Map.Entry<String, JsonNode> e : root.properties()) {
                if (!e.getValue().isTextual()) {
                    throw new IllegalArgumentException(file + ": image '" + e.getKey() + "' must map to a caption string");
                }
                out.put(e.getKey(), e.getValue().asText());
            }
            return out;
        }
        int i = 0;
        for (JsonNode n : root) {
            JsonNode id = n.has("image_id") ? n.get("image_id") : n.get("image");
            JsonNode caption = n.get("caption");
            if (id == null || !(id.isTextual() || id.isIntegralNumber()) || caption == null || !caption.isTextual()) {
                throw new IllegalArgumentException(file + ": entry " + i + " needs \"image_id\" (or \"image\") and a"
                        + " \"caption\" string, got " + n);
            }
            out.putIfAbsent(id.asText(), caption.asText());
            i++;
        }
        return out;
    }

    private static Map<String, String> readLines(Path file, String text) {
        Map<String, String> out = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            int tab = lines[i].indexOf('\t');
            if (tab <= 0) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected image<TAB>caption, a JSON array"
                        + " of {\"image_id\", \"caption\"} or a JSON object {image: caption}");
            }
            out.putIfAbsent(lines[i].substring(0, tab), lines[i].substring(tab + 1));
        }
        return out;
    }

    /**
     * Re-keys predictions onto {@code referenceIds}: an id that is a reference id stays; otherwise
     * its file name (the part after the last {@code /} or {@code \}) is tried.
     *
     * @throws IllegalArgumentException naming a prediction that matches no reference image
     */
    public static Map<String, String> matchIds(Map<String, String> predictions, java.util.Set<String> referenceIds,
                                               Path file) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : predictions.entrySet()) {
            String id = e.getKey();
            if (!referenceIds.contains(id)) {
                String name = id.substring(Math.max(id.lastIndexOf('/'), id.lastIndexOf('\\')) + 1);
                if (!referenceIds.contains(name)) {
                    throw new IllegalArgumentException(file + ": image '" + id + "' has no reference captions"
                            + " (references hold e.g. " + List.copyOf(referenceIds).subList(0, Math.min(3,
                            referenceIds.size())) + ")");
                }
                id = name;
            }
            if (out.putIfAbsent(id, e.getValue()) != null) {
                throw new IllegalArgumentException(file + ": image '" + id + "' is predicted twice");
            }
        }
        return out;
    }
}
