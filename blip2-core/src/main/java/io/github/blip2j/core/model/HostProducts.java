package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Weight products for decoders that keep their activations in Java arrays ({@link T5RowDecoder},
 * {@link OptRowDecoder}): the rows are written into a {@code (rows, 1, width)} array through a
 * direct buffer over its own memory, multiplied by libtorch ({@link LinearOps#rowProduct}), and read
 * back the same way, so no activation is copied through the JNI and no op runs but the product.
 */
final class HostProducts implements AutoCloseable {

    private final NDManager manager;
    /** One input per width: a {@code (rows, 1, width)} array and a buffer over its memory. */
    private final Map<Integer, Input> inputs = new LinkedHashMap<>();
    private int rows;
    private int threads;

    private record Input(NDArray array, FloatBuffer buffer) {}

    HostProducts(NDManager parent) {
        this.manager = parent.newSubManager();
    }

    /** The manager a step's manager is made from. */
    NDManager manager() {
        return manager;
    }

    /**
     * Starts a step of {@code rows} rows whose products' results are freed with {@code step}: the inputs
     * are lent to it, because an op attaches its result to its first input's manager.
     */
    void begin(NDManager step, int rows, int... widths) {
        this.rows = rows;
        this.threads = IntraOpThreads.current();
        for (int width : new java.util.TreeSet<>(java.util.Arrays.stream(widths).boxed().toList())) {
            input(width).array().tempAttach(step);
        }
    }

    /** {@code y (rows, out) = x (rows, in) W^T} (no bias), with the widths {@link #begin} was given. */
    void product(ModelParameter weight, float[] x, int in, float[] y, int out) {
        Input input = inputs.get(in);
        input.buffer().put(0, x, 0, rows * in);
        LinearOps.rowProduct(input.array(), weight, threads).copyTo(y, rows, out);
    }

    /** As {@link #product(ModelParameter, float[], int, float[], int)}, then adds {@code bias} to every row when given. */
    void product(ModelParameter weight, float[] bias, float[] x, int in, float[] y, int out) {
        product(weight, x, in, y, out);
        if (bias != null) {
            for (int r = 0; r < rows; r++) {
                int base = r * out;
                for (int j = 0; j < out; j++) {
                    y[base + j] += bias[j];
                }
            }
        }
    }

    /** The input of that width, (re)made when the row count changed. */
    private Input input(int width) {
        Input in = inputs.get(width);
        if (in != null && in.array().getShape().get(0) == rows) {
            return in;
        }
        if (in != null) {
            in.array().close();
        }
        NDArray array = manager.zeros(new Shape(rows, 1, width), DataType.FLOAT32);
        in = new Input(array, HostArrays.view(array));
        inputs.put(width, in);
        return in;
    }

    @Override
    public void close() {
        manager.close();
        inputs.clear();
    }
}
