package io.github.blip2j.examples.demo.data;

import java.util.Locale;

/** The shapes a scene can hold; the first four are the default set. */
public enum ShapeKind {
    CIRCLE, SQUARE, TRIANGLE, STAR, DIAMOND, CROSS;

    /** The caption word: "circle". */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
