package io.github.blip2j.examples.eval;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
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
 * Reads the caption files {@code blip2 eval} accepts, with Jackson's streaming parser (no data
 * binding, so start-up stays short):
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

    private static final JsonFactory JSON = new JsonFactory();

    private CaptionFiles() {
    }

    /** Image id -> candidate caption, in file order. */
    public static Map<String, String> readPredictions(Path file) {
        Map<String, String> out = new LinkedHashMap<>();
        try (JsonParser p = open(file)) {
            expect(p, p.nextToken(), JsonToken.START_ARRAY, file, "a COCO results file must be a JSON array of {\"image_id\", \"caption\"} objects");
            while (p.nextToken() == JsonToken.START_OBJECT) {
                int line = line(p);
                Entry e = readEntry(p, file, "image_id", line);
                if (out.putIfAbsent(e.imageId, e.caption) != null) {
                    throw new BadInputException(where(file, line) + "image " + e.imageId + " has more than one prediction");
                }
            }
            expect(p, p.currentToken(), JsonToken.END_ARRAY, file, "expected another {\"image_id\", \"caption\"} object or the end of the array");
        } catch (JsonParseException e) {
            throw malformed(file, e);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        return out;
    }

    /** Image id -> reference captions; COCO annotation JSON or Flickr8k token file, told apart by content. */
    public static Map<String, List<String>> readReferences(Path file) {
        try (InputStream raw = Files.newInputStream(file);
             PushbackInputStream in = new PushbackInputStream(raw, 1)) {
            int first;
            do {
                first = in.read();
            } while (first == ' ' || first == '\t' || first == '\n' || first == '\r' || first == 0xEF || first == 0xBB || first == 0xBF);
            if (first < 0) {
                throw new BadInputException(file + ": empty file; expected COCO caption annotations or a Flickr8k token file");
            }
            in.unread(first);
            return first == '{' ? readCocoAnnotations(file, in) : readFlickrTokens(file, in);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static Map<String, List<String>> readCocoAnnotations(Path file, InputStream in) throws IOException {
        Map<String, List<String>> captions = new LinkedHashMap<>();
        Set<String> imageOrder = new LinkedHashSet<>();
        boolean sawAnnotations = false;
        try (JsonParser p = JSON.createParser(in)) {
            expect(p, p.nextToken(), JsonToken.START_OBJECT, file, "expected a COCO caption annotation object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("images") && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        imageOrder.add(readImageId(p, file));
                    }
                } else if (field.equals("annotations") && value == JsonToken.START_ARRAY) {
                    sawAnnotations = true;
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        Entry e = readEntry(p, file, "image_id", line(p));
                        captions.computeIfAbsent(e.imageId, k -> new ArrayList<>()).add(e.caption);
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (JsonParseException e) {
            throw malformed(file, e);
        }
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

    private static Map<String, List<String>> readFlickrTokens(Path file, InputStream in) throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        BufferedReader reader = new BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        int lineNo = 0;
        for (String line; (line = reader.readLine()) != null; ) {
            lineNo++;
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

    private record Entry(String imageId, String caption) {
    }

    /** Reads one {"image_id"/"id": .., "caption": ..} object; the parser is at its START_OBJECT. */
    private static Entry readEntry(JsonParser p, Path file, String idField, int line) throws IOException {
        String id = null;
        String caption = null;
        boolean hasCaption = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals(idField)) {
                id = imageId(p, value, file);
            } else if (field.equals("caption")) {
                hasCaption = true;
                if (value != JsonToken.VALUE_STRING) {
                    throw new BadInputException(where(file, line) + (id == null ? "" : "image " + id + ": ")
                            + "\"caption\" must be a string, got " + describe(value));
                }
                caption = p.getText();
            } else {
                p.skipChildren();
            }
        }
        if (id == null || !hasCaption) {
            throw new BadInputException(where(file, line) + "each entry needs \"" + idField + "\" and \"caption\""
                    + (id == null ? "" : " (image " + id + " has no caption)"));
        }
        return new Entry(id, caption);
    }

    private static String readImageId(JsonParser p, Path file) throws IOException {
        int line = line(p);
        String id = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("id")) {
                id = imageId(p, value, file);
            } else {
                p.skipChildren();
            }
        }
        if (id == null) {
            throw new BadInputException(where(file, line) + "an entry of \"images\" has no \"id\"");
        }
        return id;
    }

    private static String imageId(JsonParser p, JsonToken value, Path file) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT) {
            return p.getBigIntegerValue().toString();
        }
        if (value == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        throw new BadInputException(where(file, line(p)) + "image id must be an integer or a string, got " + describe(value));
    }

    private static JsonParser open(Path file) throws IOException {
        try {
            return JSON.createParser(Files.newInputStream(file));
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        }
    }

    private static void expect(JsonParser p, JsonToken got, JsonToken wanted, Path file, String what) {
        if (got != wanted) {
            throw new BadInputException(where(file, line(p)) + what + ", got " + describe(got));
        }
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "end of file";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
        };
    }

    private static int line(JsonParser p) {
        JsonLocation at = p.currentTokenLocation();
        return at == null ? -1 : at.getLineNr();
    }

    private static String where(Path file, int line) {
        return line > 0 ? file + ":" + line + ": " : file + ": ";
    }

    private static BadInputException malformed(Path file, JsonParseException e) {
        JsonLocation at = e.getLocation();
        String message = e.getOriginalMessage().replace('\n', ' ');
        return new BadInputException((at == null ? file + ": " : where(file, at.getLineNr())) + "malformed JSON: " + message, e);
    }

    private static BadInputException unreadable(Path file, IOException e) {
        return new BadInputException(file + ": cannot read: " + e.getMessage(), e);
    }
}
