package io.github.blip2j.core.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads Karpathy's split files ({@code dataset_flickr8k.json}, {@code dataset_flickr30k.json},
 * {@code dataset_coco.json}): {@code {"images": [{"filename", "filepath"?, "split",
 * "sentences": [{"raw", "tokens"}]}]}}. The image id is the file name; {@code filepath} (COCO's
 * {@code train2014}/{@code val2014}) is prepended to it under the image folder; a sentence's
 * {@code raw} text is used, or its {@code tokens} joined by spaces when {@code raw} is absent;
 * {@code restval} counts as train.
 */
final class KarpathyReader {

    private KarpathyReader() {
    }

    static CaptionDataset read(Path datasetJson, Path imageDir, ReadOptions options) {
        RecordCollector c = new RecordCollector(datasetJson, imageDir, options);
        JsonArrays.stream(datasetJson, "Karpathy split file", Map.of("images", true),
                (field, index, line, node) -> image(c, index, line, node));
        return c.finish("Karpathy split file");
    }

    private static void image(RecordCollector c, int index, long line, JsonNode node) {
        String where = "images[" + index + "]";
        if (!node.isObject()) {
            c.malformed(line, where + " must be an object");
            return;
        }
        String filename = JsonArrays.text(node, "filename");
        if (filename == null) {
            c.malformed(line, where + " has no 'filename'");
            return;
        }
        String filepath = JsonArrays.text(node, "filepath");
        String relative = filepath == null ? filename : filepath + "/" + filename;
        Split split = null;
        String label = JsonArrays.text(node, "split");
        if (label != null) {
            try {
                split = Split.fromLabel(label);
            } catch (IllegalArgumentException e) {
                c.malformed(line, where + " (" + filename + "): " + e.getMessage());
                return;
            }
        }
        JsonNode sentences = node.get("sentences");
        if (sentences == null || !sentences.isArray() || sentences.isEmpty()) {
            c.malformed(line, where + " (" + filename + ") has no 'sentences' array");
            return;
        }
        for (int s = 0; s < sentences.size(); s++) {
            JsonNode sentence = sentences.get(s);
            String raw = sentence.isObject() ? JsonArrays.text(sentence, "raw") : null;
            if (raw == null && sentence.isObject() && sentence.path("tokens").isArray()) {
                StringBuilder b = new StringBuilder();
                sentence.get("tokens").forEach(t -> b.append(b.length() > 0 ? " " : "").append(t.asText()));
                raw = b.toString();
            }
            if (raw == null || raw.isBlank()) {
                c.malformed(line, where + ".sentences[" + s + "] (" + filename + ") has neither 'raw' nor 'tokens'");
                continue;
            }
            c.add(line, relative, relative, raw, split);
        }
    }
}
