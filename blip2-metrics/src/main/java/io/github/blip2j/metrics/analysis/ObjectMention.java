package io.github.blip2j.metrics.analysis;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An object a caption mentions: a shape word with the colour and size words that qualify it.
 *
 * @param colour canonical colour, or {@code null} when the caption names none ("a circle")
 * @param shape  canonical shape
 * @param size   canonical size, or {@code null}
 * @param text   the words of the caption that make the mention, e.g. "small blue square"
 */
public record ObjectMention(String colour, String shape, String size, String text) {

    public ObjectMention {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(text, "text");
    }

    /** "small red circle", "red circle", or "circle". */
    public String label() {
        return (size == null ? "" : size + " ") + (colour == null ? "" : colour + " ") + shape;
    }

    public String toJson() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("colour", Json.string(colour));
        m.put("shape", Json.string(shape));
        m.put("size", Json.string(size));
        m.put("text", Json.string(text));
        return Json.object(m);
    }
}
