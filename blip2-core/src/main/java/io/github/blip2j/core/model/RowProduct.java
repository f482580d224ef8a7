package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import java.nio.FloatBuffer;

/**
 * A product of {@code rows} rows by an {@code (out, in)} weight, left in the layout its kernel wrote
 * (see {@link LinearOps#rowProduct}), and read from there straight into a Java array.
 *
 * @param array the product, contiguous
 * @param layout how its values sit
 * @param ways the number of row blocks of a {@link Layout#BLOCKS} product (1 otherwise)
 */
record RowProduct(NDArray array, Layout layout, int ways) {

    /** How the values of a product sit in memory. */
    enum Layout {
        /** {@code (rows, out)}: row after row. */
        ROWS,
        /** {@code (ways, rows, out / ways)}: each block of output columns for every row, block after block. */
        BLOCKS,
        /** {@code (out, rows)}: the transposed product. */
        COLUMNS
    }

    /** Writes the product as {@code (rows, out)} floats, row after row, into {@code y}. */
    void copyTo(float[] y, int rows, int out) {
        FloatBuffer values = HostArrays.view(array);
        if (rows == 1 || layout == Layout.ROWS) {
            // One row is in (rows, out) order in all three layouts.
            values.get(0, y, 0, rows * out);
        } else if (layout == Layout.BLOCKS) {
            int chunk = out / ways;
            for (int w = 0; w < ways; w++) {
                for (int r = 0; r < rows; r++) {
                    values.get((w * rows + r) * chunk, y, r * out + w * chunk, chunk);
                }
            }
        } else {
            float[] columns = new float[rows * out];
            values.get(0, columns, 0, columns.length);
            for (int o = 0; o < out; o++) {
                for (int r = 0; r < rows; r++) {
                    y[r * out + o] = columns[o * rows + r];
                }
            }
        }
    }
}
