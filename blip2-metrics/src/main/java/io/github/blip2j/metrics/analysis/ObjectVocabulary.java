package io.github.blip2j.metrics.analysis;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The words that name object colours, shapes and sizes, each mapped to a canonical word
 * ("big" to "large", "gray" to "grey"). Shape words are matched after plural removal, so
 * "circles" is the shape "circle". The {@link #demo()} vocabulary is the embedded demo's data set.
 */
public final class ObjectVocabulary {

    private final Map<String, String> colours;
    private final Map<String, String> shapes;
    private final Map<String, String> sizes;

    private ObjectVocabulary(Builder b) {
        this.colours = Collections.unmodifiableMap(new LinkedHashMap<>(b.colours));
        this.shapes = Collections.unmodifiableMap(new LinkedHashMap<>(b.shapes));
        this.sizes = Collections.unmodifiableMap(new LinkedHashMap<>(b.sizes));
    }

    /**
     * The demo's vocabulary: colours red, green, blue, yellow, purple, orange, white, black (plus
     * pink, brown, grey as recognised colours so that a model naming them is caught); shapes circle,
     * square, triangle, star (plus diamond, rectangle, heart, cross, hexagon, oval as recognised
     * shapes); sizes small (little, tiny) and large (big).
     */
    public static ObjectVocabulary demo() {
        return builder()
                .colour("red").colour("green").colour("blue").colour("yellow")
                .colour("purple", "violet").colour("orange").colour("white").colour("black")
                .colour("pink").colour("brown").colour("grey", "gray")
                .shape("circle").shape("square").shape("triangle").shape("star")
                .shape("diamond").shape("rectangle").shape("heart").shape("cross")
                .shape("hexagon").shape("oval")
                .size("small", "little", "tiny").size("large", "big", "huge")
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The canonical colour a word names, if any. */
    public Optional<String> colour(String word) {
        return Optional.ofNullable(colours.get(word.toLowerCase(Locale.ROOT)));
    }

    /** The canonical shape a singular word names, if any. */
    public Optional<String> shape(String word) {
        return Optional.ofNullable(shapes.get(word.toLowerCase(Locale.ROOT)));
    }

    /** The canonical size a word names, if any. */
    public Optional<String> size(String word) {
        return Optional.ofNullable(sizes.get(word.toLowerCase(Locale.ROOT)));
    }

    /** Every word (canonical or synonym) that names a shape. */
    public Set<String> shapeWords() {
        return shapes.keySet();
    }

    /** Builder: each call adds a canonical word and optional synonyms. */
    public static final class Builder {
        private final Map<String, String> colours = new LinkedHashMap<>();
        private final Map<String, String> shapes = new LinkedHashMap<>();
        private final Map<String, String> sizes = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder colour(String canonical, String... synonyms) {
            return put(colours, "colour", canonical, synonyms);
        }

        public Builder shape(String canonical, String... synonyms) {
            return put(shapes, "shape", canonical, synonyms);
        }

        public Builder size(String canonical, String... synonyms) {
            return put(sizes, "size", canonical, synonyms);
        }

        private Builder put(Map<String, String> map, String field, String canonical, String... synonyms) {
            String c = checkWord(field, canonical);
            map.put(c, c);
            for (String s : synonyms) {
                map.put(checkWord(field, s), c);
            }
            return this;
        }

        private static String checkWord(String field, String word) {
            if (word == null || !word.matches("[\\p{L}]+")) {
                throw new IllegalArgumentException(field + " word must be a single word of letters, got: " + word);
            }
            return word.toLowerCase(Locale.ROOT);
        }

        public ObjectVocabulary build() {
            if (colours.isEmpty() || shapes.isEmpty()) {
                throw new IllegalArgumentException("an object vocabulary needs at least one colour and one shape, got "
                        + colours.size() + " colours and " + shapes.size() + " shapes");
            }
            return new ObjectVocabulary(this);
        }
    }
}
