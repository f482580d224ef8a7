package io.github.blip2j.examples.demo.data;

import java.util.Locale;

/** Two clearly different sizes: a large object is about 1.8 times as wide as a small one. */
public enum ObjectSize {
    SMALL(0.26), LARGE(0.46);

    private final double radiusInCells;

    ObjectSize(double radiusInCells) {
        this.radiusInCells = radiusInCells;
    }

    /** Radius as a fraction of a grid cell's width. */
    public double radiusInCells() {
        return radiusInCells;
    }

    /** The caption word: "small". */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
