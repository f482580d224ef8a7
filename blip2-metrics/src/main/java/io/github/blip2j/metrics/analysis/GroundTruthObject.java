package io.github.blip2j.metrics.analysis;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One object known to be in an image: its colour and shape (required), its size class (may be
 * {@code null} when unknown) and its centre in image-relative coordinates 0..1 ({@code NaN} when
 * unknown). Words are the canonical words of the {@link ObjectVocabulary} in use.
 *
 * @param colour canonical colour word, e.g. {@code "red"}
 * @param shape  canonical shape word, e.g. {@code "circle"}
 * @param size   canonical size word ({@code "small"}/{@code "large"}), or {@code null}
 * @param x      centre x in 0..1 of the image width, or {@code NaN}
 * @param y      centre y in 0..1 of the image height, or {@code NaN}
 */
public record GroundTruthObject(String colour, String shape, String size, double x, double y) {

    public GroundTruthObject {
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(shape, "shape");
        colour = colour.toLowerCase(Locale.ROOT);
        shape = shape.toLowerCase(Locale.ROOT);
        size = size == null ? null : size.toLowerCase(Locale.ROOT);
    }

    /** An object of known colour and shape, size and position unknown. */
    public static GroundTruthObject of(String colour, String shape) {
        return new GroundTruthObject(colour, shape, null, Double.NaN, Double.NaN);
    }

    /** An object of known colour, shape and size, position unknown. */
    public static GroundTruthObject of(String colour, String shape, String size) {
        return new GroundTruthObject(colour, shape, size, Double.NaN, Double.NaN);
    }

    /** "small red circle", or "red circle" when the size is unknown. */
    public String label() {
        return (size == null ? "" : size + " ") + colour + " " + shape;
    }

    /** {@code {"colour": ..., "shape": ..., "size": ..., "x": ..., "y": ...}}. */
    public String toJson() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("colour", Json.string(colour));
        m.put("shape", Json.string(shape));
        m.put("size", Json.string(size));
        m.put("x", Json.number(x));
        m.put("y", Json.number(y));
        return Json.object(m);
    }
}
