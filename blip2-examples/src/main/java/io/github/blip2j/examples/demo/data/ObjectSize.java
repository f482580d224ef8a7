package io.github.blip2j.examples.demo.data;

import java.util.Locale;

/** Two clearly different sizes: a large object is about 1.5 times as wide as a small one (13 vs 20 px at 64 px). */
public enum ObjectSize {
    SMALL(0.30), LARGE(0.46);

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
