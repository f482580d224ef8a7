package io.github.blip2j.examples.demo.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.blip2j.metrics.analysis.GroundTruthObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ground truth of a generated data set, {@code objects.json}: image file name to its objects,
 * {@code {"shapes_00000.png": [{"colour": "red", "shape": "circle", "size": "large", "x": 0.17,
 * "y": 0.5}, ...], ...}}, with x and y the object's centre as a fraction of the image width and
 * height. {@link #read(Path)} gives the map the error analysis takes; any data set can supply such
 * a file ({@code blip2 report --objects}).
 */
public final class ObjectsFile {

    /** The conventional file name. */
    public static final String FILE_NAME = "objects.json";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ObjectsFile() {
    }

    /** Writes the scenes' objects (atomically). */
    public static void write(Path file, List<Scene> scenes) {
        ObjectNode root = MAPPER.createObjectNode();
        for (Scene s : scenes) {
            ArrayNode arr = root.putArray(s.fileName());
            for (SceneObject o : s.objects()) {
                ObjectNode n = arr.addObject();
                n.put("colour", o.colour().word());
                n.put("shape", o.shape().word());
                n.put("size", o.size().word());
                n.put("x", round(o.x()));
                n.put("y", round(o.y()));
            }
        }
        try {
            AtomicFiles.write(file, MAPPER.writeValueAsString(root) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise objects", e);
        }
    }

    /**
     * Reads an objects file.
     *
     * @throws IllegalArgumentException naming the file and the image when an entry is not a list of
     *                                  objects with text {@code colour} and {@code shape}
     */
    public static Map<String, List<GroundTruthObject>> read(Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read objects file " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("objects file " + file + " must hold a JSON object: image -> list of objects");
        }
        Map<String, List<GroundTruthObject>> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            if (!e.getValue().isArray()) {
                throw new IllegalArgumentException("objects file " + file + ": image '" + e.getKey()
                        + "' must map to a list of objects");
            }
            List<GroundTruthObject> objects = new ArrayList<>();
            int i = 0;
            for (JsonNode n : e.getValue()) {
                if (!n.path("colour").isTextual() || !n.path("shape").isTextual()) {
                    throw new IllegalArgumentException("objects file " + file + ": image '" + e.getKey() + "' object " + i
                            + " needs text 'colour' and 'shape', got " + n);
                }
                objects.add(new GroundTruthObject(n.get("colour").asText(), n.get("shape").asText(),
                        n.path("size").isTextual() ? n.get("size").asText() : null,
                        n.path("x").isNumber() ? n.get("x").asDouble() : Double.NaN,
                        n.path("y").isNumber() ? n.get("y").asDouble() : Double.NaN));
                i++;
            }
            out.put(e.getKey(), objects);
        }
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
