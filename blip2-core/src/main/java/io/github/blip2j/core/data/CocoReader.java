package io.github.blip2j.core.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a COCO captions file ({@code captions_train2014.json}): {@code images} with {@code id} and
 * {@code file_name}, {@code annotations} with {@code image_id} and {@code caption}. The image id is
 * the numeric COCO id as a string (what COCO result files key on). Images without any caption are
 * left out; an annotation naming an unknown image is a malformed row.
 */
final class CocoReader {

    private record Annotation(long line, int index, String imageId, String caption) {
    }

    private CocoReader() {
    }

    static CaptionDataset read(Path captionsJson, Path imageDir, ReadOptions options) {
        RecordCollector c = new RecordCollector(captionsJson, imageDir, options);
        Map<String, String> files = new LinkedHashMap<>();
        List<Annotation> annotations = new ArrayList<>();
        JsonArrays.stream(captionsJson, "COCO captions file", Map.of("images", true, "annotations", true),
                (field, index, line, node) -> {
                    if (field.equals("images")) {
                        image(c, files, index, line, node);
                    } else {
                        annotation(c, annotations, index, line, node);
                    }
                });
        Map<String, List<Annotation>> byImage = new HashMap<>();
        for (Annotation a : annotations) {
            if (!files.containsKey(a.imageId())) {
                c.malformed(a.line(), "annotations[" + a.index() + "] has image_id " + a.imageId()
                        + ", which is not in 'images'");
                continue;
            }
            byImage.computeIfAbsent(a.imageId(), k -> new ArrayList<>()).add(a);
        }
        for (Map.Entry<String, String> f : files.entrySet()) {
            for (Annotation a : byImage.getOrDefault(f.getKey(), List.of())) {
                c.add(a.line(), f.getKey(), f.getValue(), a.caption(), null);
            }
        }
        return c.finish("COCO captions file");
    }

    private static void image(RecordCollector c, Map<String, String> files, int index, long line, JsonNode node) {
        String id = node.isObject() ? JsonArrays.text(node, "id") : null;
        String file = node.isObject() ? JsonArrays.text(node, "file_name") : null;
        if (id == null || file == null) {
            c.malformed(line, "images[" + index + "] needs 'id' and 'file_name'");
        } else if (files.putIfAbsent(id, file) != null) {
            c.malformed(line, "images[" + index + "] repeats image id " + id);
        }
    }

    private static void annotation(RecordCollector c, List<Annotation> out, int index, long line, JsonNode node) {
        String imageId = node.isObject() ? JsonArrays.text(node, "image_id") : null;
        JsonNode caption = node.isObject() ? node.get("caption") : null;
        if (imageId == null || caption == null || !caption.isTextual()) {
            c.malformed(line, "annotations[" + index + "] needs 'image_id' and a text 'caption'");
            return;
        }
        out.add(new Annotation(line, index, imageId, caption.asText()));
    }
}
