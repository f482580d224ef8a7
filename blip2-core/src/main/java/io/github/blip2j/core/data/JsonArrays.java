package io.github.blip2j.core.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Streams the elements of the top-level arrays of a JSON annotation file, each with the line it
 * starts on, so that a bad element is reported as {@code file:line}. Memory holds one element at a
 * time, not the whole (possibly 100 MB) file.
 */
final class JsonArrays {

    /** Receives one array element. */
    interface ElementHandler {
        void element(String field, int index, long line, JsonNode node);
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonArrays() {
    }

    /**
     * Calls {@code handler} for each element of the top-level arrays named in {@code fields}
     * (other top-level fields are skipped), in file order.
     *
     * @param fields field name to whether it is required
     */
    static void stream(Path file, String what, Map<String, Boolean> fields, ElementHandler handler) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        try (JsonParser p = MAPPER.createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new DatasetException(what + " " + file + ":" + p.currentTokenLocation().getLineNr()
                        + ": expected a JSON object at the top level");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (!fields.containsKey(name)) {
                    p.skipChildren();
                    continue;
                }
                if (value != JsonToken.START_ARRAY) {
                    throw new DatasetException(what + " " + file + ":" + p.currentTokenLocation().getLineNr()
                            + ": field '" + name + "' must be an array");
                }
                seen.add(name);
                int index = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    long line = p.currentTokenLocation().getLineNr();
                    JsonNode node = MAPPER.readTree(p);
                    handler.element(name, index++, line, node);
                }
            }
        } catch (IOException e) {
            if (e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null) {
                throw new DatasetException(what + " " + file + ":" + jpe.getLocation().getLineNr()
                        + ": invalid JSON: " + jpe.getOriginalMessage(), e);
            }
            throw IoErrors.reading(what, file, e);
        }
        for (Map.Entry<String, Boolean> f : fields.entrySet()) {
            if (f.getValue() && !seen.contains(f.getKey())) {
                throw new DatasetException(what + " " + file + " has no top-level '" + f.getKey() + "' array");
            }
        }
    }

    /** A non-blank text field, or null. */
    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || !(v.isTextual() || v.isNumber())) {
            return null;
        }
        String s = v.asText();
        return s.isBlank() ? null : s;
    }
}
