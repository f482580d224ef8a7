package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One named weight of the model: its checkpoint name, the shape the config implies, the array once
 * loaded, and whether a fine-tuner trains it.
 *
 * <p>Components keep a reference to the parameter, not to the array, and read {@link #array()} at
 * every forward, so loading or replacing an array (or attaching a gradient) is seen everywhere.
 */
public final class ModelParameter {

    private final String name;
    private final Shape shape;
    private final ParameterKind kind;
    private volatile NDArray array;
    private volatile boolean trainable;
    /**
     * {@link #rowBlocks} views of {@link #blocksSource} by block count, for one-row products; guarded
     * by this. One per count, none closed while its array is bound: callers on threads with different
     * intra-op counts may share the model, and one may still be multiplying by a view another asks anew.
     */
    private final Map<Integer, NDArray> blocks = new HashMap<>();
    private NDArray blocksSource;

    ModelParameter(String name, Shape shape, ParameterKind kind) {
        this.name = Objects.requireNonNull(name, "name");
        this.shape = Objects.requireNonNull(shape, "shape");
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** The Hugging Face checkpoint name, e.g. {@code qformer.encoder.layer.0.attention.attention.query.weight}. */
    public String name() {
        return name;
    }

    /** The shape the config requires. */
    public Shape shape() {
        return shape;
    }

    /** What role the tensor plays (used for random initialisation). */
    public ParameterKind kind() {
        return kind;
    }

    /** Number of values. */
    public long size() {
        return shape.size();
    }

    /** Whether an array has been bound. */
    public boolean isLoaded() {
        return array != null;
    }

    /**
     * The bound array.
     *
     * @throws IllegalStateException if nothing was loaded into this parameter
     */
    public NDArray array() {
        NDArray a = array;
        if (a == null) {
            throw new IllegalStateException("parameter " + name + " has not been loaded");
        }
        return a;
    }

    /**
     * Binds an array, replacing (but not closing) any previous one.
     *
     * @throws IllegalArgumentException if the array's shape differs from {@link #shape()}
     */
    public void set(NDArray value) {
        if (!value.getShape().equals(shape)) {
            throw new IllegalArgumentException("parameter " + name + ": expected shape " + shape + ", got "
                    + value.getShape());
        }
        dropBlocks();
        array = value;
        if (trainable) {
            value.setRequiresGradient(true);
        }
    }

    /**
     * The 2-D array {@code (out, in)} as {@code ways} row blocks seen transposed, {@code (ways, in,
     * out / ways)}, where {@code ways} is the largest count from 2 to {@code maxWays} that divides
     * {@code out}: a view of the array's own memory, no copy. Made on first use in the array's manager
     * and kept until another array is bound; {@code null} when no such count exists, while the
     * parameter is trainable or its array records gradients (then each forward must read the array
     * itself, so that gradients reach it).
     *
     * <p>Why: one row times this view is one batched product whose blocks run on separate intra-op
     * threads, so {@code ways} cores stream the weight side by side (see {@link LinearOps#linear(NDArray,
     * ModelParameter, NDArray)}).
     */
    synchronized NDArray rowBlocks(int maxWays) {
        NDArray a = array();
        if (trainable || a.hasGradient() || a.getShape().dimension() != 2) {
            return null;
        }
        long out = a.getShape().get(0);
        int ways = maxWays;
        while (ways > 1 && out % ways != 0) {
            ways--;
        }
        if (ways < 2) {
            return null;
        }
        if (blocksSource != a) {
            dropBlocks();
            blocksSource = a;
        }
        NDArray view = blocks.get(ways);
        if (view == null) {
            try (NDArray split = a.reshape(ways, out / ways, a.getShape().get(1))) {
                view = split.transpose(0, 2, 1);
            }
            blocks.put(ways, view);
        }
        return view;
    }

    private synchronized void dropBlocks() {
        blocks.values().forEach(NDArray::close);
        blocks.clear();
        blocksSource = null;
    }

    /** Whether gradients are computed for this parameter. */
    public boolean isTrainable() {
        return trainable;
    }

    /**
     * Marks the parameter trainable (its array records gradients under a {@code GradientCollector})
     * or frozen.
     */
    public void setTrainable(boolean value) {
        if (value) {
            dropBlocks();
        }
        trainable = value;
        NDArray a = array;
        if (a != null) {
            a.setRequiresGradient(value);
        }
    }

    @Override
    public String toString() {
        return name + shape + (trainable ? " (trainable)" : "");
    }
}
