package io.github.blip2j.examples.demo.data;

import io.github.blip2j.metrics.analysis.GroundTruthObject;
import java.util.Objects;

/**
 * One object of a scene. Scenes place objects on a 3 x 3 grid (at most one per cell), which gives
 * every object an unambiguous position word ("top left", "middle") and relation ("above").
 *
 * @param colour its colour
 * @param shape  its shape
 * @param size   its size
 * @param row    grid row 0 (top) .. 2 (bottom)
 * @param col    grid column 0 (left) .. 2 (right)
 * @param x      centre x in 0..1 of the image width (the cell centre plus a little jitter)
 * @param y      centre y in 0..1 of the image height
 */
public record SceneObject(ObjectColour colour, ShapeKind shape, ObjectSize size, int row, int col, double x, double y) {

    public SceneObject {
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(size, "size");
        if (row < 0 || row > 2 || col < 0 || col > 2) {
            throw new IllegalArgumentException("grid cell must be in 0..2 x 0..2, got row " + row + ", col " + col);
        }
    }

    /** The same object as the error analysis sees it. */
    public GroundTruthObject toGroundTruth() {
        return new GroundTruthObject(colour.word(), shape.word(), size.word(), x, y);
    }
}
