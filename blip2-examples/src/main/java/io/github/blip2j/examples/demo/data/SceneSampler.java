package io.github.blip2j.examples.demo.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Draws random scenes: a uniform number of objects in [min, max], each a distinct colour + shape
 * pair in a distinct cell of the 3 x 3 grid, with a random size and a small jitter inside its cell
 * (never leaving it, so position words stay true).
 */
final class SceneSampler {

    private final List<ObjectColour> colours;
    private final List<ShapeKind> shapes;
    private final int minObjects;
    private final int maxObjects;

    SceneSampler(List<ObjectColour> colours, List<ShapeKind> shapes, int minObjects, int maxObjects) {
        this.colours = List.copyOf(colours);
        this.shapes = List.copyOf(shapes);
        this.minObjects = minObjects;
        this.maxObjects = maxObjects;
    }

    List<SceneObject> sample(Random rnd) {
        int n = minObjects + rnd.nextInt(maxObjects - minObjects + 1);
        List<Integer> cells = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8));
        java.util.Collections.shuffle(cells, rnd);
        Set<String> used = new HashSet<>();
        List<SceneObject> out = new ArrayList<>(n);
        while (out.size() < n) {
            ObjectColour c = colours.get(rnd.nextInt(colours.size()));
            ShapeKind s = shapes.get(rnd.nextInt(shapes.size()));
            if (!used.add(c + "/" + s)) {
                continue;
            }
            ObjectSize size = rnd.nextBoolean() ? ObjectSize.SMALL : ObjectSize.LARGE;
            int cell = cells.get(out.size());
            int row = cell / 3;
            int col = cell % 3;
            double cellW = 1.0 / 3;
            double radius = size.radiusInCells() * cellW;
            double slack = Math.max(0, cellW / 2 - radius - 0.01);
            double x = (col + 0.5) * cellW + (rnd.nextDouble() * 2 - 1) * slack;
            double y = (row + 0.5) * cellW + (rnd.nextDouble() * 2 - 1) * slack;
            out.add(new SceneObject(c, s, size, row, col, x, y));
        }
        out.sort(Comparator.comparingInt(SceneObject::row).thenComparingInt(SceneObject::col));
        return out;
    }
}
