package io.github.blip2j.examples.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the caption files {@code blip2 eval} accepts:
 * <ul>
 *   <li>COCO results: {@code [{"image_id": 42, "caption": "..."}, ...]}, one caption per image;</li>
 *   <li>COCO caption annotations: {@code {"images": [{"id": 42}, ...], "annotations": [{"image_id": 42,
 *       "caption": "..."}, ...]}}; images in the order of {@code images} (then any others in order of
 *       appearance), captions in file order, as pycocoevalcap reads them;</li>
 *   <li>a Flickr8k token file: {@code 1000268201_693b08cb0e.jpg#0<TAB>A child in a pink dress ...}.</li>
 * </ul>
 * Image ids may be JSON integers or strings and are compared as text ({@code 42} matches
 * {@code "42"}). Every problem is a {@link BadInputException} naming the file and line.
 */
public final class CaptionFiles {

    private CaptionFiles() {
    }

    /** Image id -> candidate caption, in file order. */
    public static Map<String, String> readPredictions(Path file) {
        JsonReader json = new JsonReader(read(file), file);
        if (json.peek() != '[') {
            throw json.bad("a COCO results file must be a JSON array of {\"image_id\", \"caption\"} objects, got "
                    + json.kindOfNext());
        }
        json.expect('[', "'['");
        Map<String, String> out = new LinkedHashMap<>();
        for (boolean first = true; json.more(']', first); first = false) {
            json.peek();
            int line = json.line();
            String[] entry = entry(json, "image_id");
            if (out.putIfAbsent(entry[0], entry[1]) != null) {
                throw new BadInputException(file + ":" + line + ": image " + entry[0] + " has more than one prediction");
            }
        }
        json.end();
        return out;
    }

    /** Image id -> reference captions; COCO annotation JSON or Flickr8k token file, told apart by content. */
    public static Map<String, List<String>> readReferences(Path file) {
        byte[] bytes = read(file);
        JsonReader json = new JsonReader(bytes, file);
        int first = json.peek();
        if (first < 0) {
            throw new BadInputException(file + ": empty file; expected COCO caption annotations or a Flickr8k token file");
        }
        return first == '{' ? readCocoAnnotations(json, file) : readFlickrTokens(bytes, file);
    }

    private static Map<String, List<String>> readCocoAnnotations(JsonReader json, Path file) {
        Map<String, List<String>> captions = new LinkedHashMap<>();
        Set<String> imageOrder = new LinkedHashSet<>();
        boolean sawAnnotations = false;
        json.expect('{', "'{'");
        for (boolean first = true; json.more('}', first); first = false) {
            String field = json.fieldName();
            if (field.equals("images") && json.peek() == '[') {
                json.expect('[', "'['");
                for (boolean f = true; json.more(']', f); f = false) {
                    imageOrder.add(imageEntryId(json));
                }
            } else if (field.equals("annotations") && json.peek() == '[') {
                sawAnnotations = true;
                json.expect('[', "'['");
                for (boolean f = true; json.more(']', f); f = false) {
                    String[] entry = entry(json, "image_id");
                    captions.computeIfAbsent(entry[0], k -> new ArrayList<>()).add(entry[1]);
                }
            } else {
                json.skipValue();
            }
        }
        json.end();
        if (!sawAnnotations) {
            throw new BadInputException(file + ": no \"annotations\" array; expected COCO caption annotations");
        }
        Map<String, List<String>> ordered = new LinkedHashMap<>();
        for (String id : imageOrder) {
            List<String> c = captions.get(id);
            if (c != null) {
                ordered.put(id, c);
            }
        }
        captions.forEach(ordered::putIfAbsent);
        return ordered;
    }

    private static Map<String, List<String>> readFlickrTokens(byte[] bytes, Path file) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String text = new String(bytes, StandardCharsets.UTF_8);
        int lineNo = 0;
        for (String line : text.split("\r?\n", -1)) {
            lineNo++;
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            int tab = line.indexOf('\t');
            int hash = tab < 0 ? -1 : line.lastIndexOf('#', tab);
            if (tab < 0 || hash <= 0) {
                throw new BadInputException(file + ":" + lineNo
                        + ": expected IMAGE#N<TAB>caption (a Flickr8k token line) or a COCO annotation JSON file");
            }
            out.computeIfAbsent(line.substring(0, hash), k -> new ArrayList<>()).add(line.substring(tab + 1));
        }
        return out;
    }

    /** One {"image_id": .., "caption": ..} object as {id, caption}. */
    private static String[] entry(JsonReader json, String idField) {
        int next = json.peek();
        int line = json.line();
        if (next != '{') {
            throw json.bad("expected an {\"" + idField + "\", \"caption\"} object, got " + json.kindOfNext());
        }
        json.expect('{', "'{'");
        String id = null;
        String caption = null;
        for (boolean first = true; json.more('}', first); first = false) {
            String field = json.fieldName();
            if (field.equals(idField)) {
                id = json.imageId();
            } else if (field.equals("caption")) {
                if (!json.nextIsString()) {
                    throw json.bad((id == null ? "" : "image " + id + ": ") + "\"caption\" must be a string, got "
                            + json.kindOfNext());
                }
                caption = json.string();
            } else {
                json.skipValue();
            }
        }
        if (id == null || caption == null) {
            throw new BadInputException(json.bad("").getMessage().replaceFirst(":\\d+: $", ":" + line + ": ")
                    + "each entry needs \"" + idField + "\" and \"caption\"" + (id == null ? "" : " (image " + id + " has no caption)"));
        }
        return new String[] {id, caption};
    }

    private static String imageEntryId(JsonReader json) {
        json.peek();
        int line = json.line();
        json.expect('{', "'{'");
        String id = null;
        for (boolean first = true; json.more('}', first); first = false) {
            if (json.fieldName().equals("id")) {
                id = json.imageId();
            } else {
                json.skipValue();
            }
        }
        if (id == null) {
            throw new BadInputException(json.bad("").getMessage().replaceFirst(":\\d+: $", ":" + line + ": ")
                    + "an entry of \"images\" has no \"id\"");
        }
        return id;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
