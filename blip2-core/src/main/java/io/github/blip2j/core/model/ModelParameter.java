package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
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
    /** {@link #transposedBlocks} of {@link #array}, for one-row products; guarded by this. */
    private NDArray transposed;
    private NDArray transposedSource;
    private int transposedWays;

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
        dropTransposed();
        array = value;
        if (trainable) {
            value.setRequiresGradient(true);
        }
    }

    /**
     * The 2-D array's transpose, {@code (in, out)}, as a contiguous copy cut into {@code ways} column
     * blocks: {@code (in, out)} for one way, else {@code (ways, in, ceil(out / ways))} with the last
     * block's missing columns zero. Made on first use in the array's manager and kept until another
     * {@code ways} is asked for; {@code null} while the parameter is trainable or its array records
     * gradients (then its values may change in place, or a LoRA-merged array is bound).
     *
     * <p>Why a copy: one row times the transpose streams the weight about twice as fast as the
     * {@code (out, in)} layout on the CPUs measured, and the blocks let {@code ways} threads stream
     * it side by side (see {@link LinearOps#head}). The copy is dropped whenever an array is bound or
     * the parameter is made trainable, so it never outlives the values it was made from.
     */
    synchronized NDArray transposedBlocks(int ways) {
        if (ways < 1) {
            throw new IllegalArgumentException("ways = " + ways + ": must be >= 1");
        }
        NDArray a = array();
        if (trainable || a.hasGradient() || a.getShape().dimension() != 2) {
            return null;
        }
        if (transposed == null || transposedSource != a || transposedWays != ways) {
            dropTransposed();
            transposed = blocksOf(a, ways);
            transposedSource = a;
            transposedWays = ways;
        }
        return transposed;
    }

    private static NDArray blocksOf(NDArray a, int ways) {
        long out = a.getShape().get(0);
        long in = a.getShape().get(1);
        long width = (out + ways - 1) / ways;
        List<NDArray> temporaries = new ArrayList<>();
        try {
            NDArray w = a;
            if (width * ways != out) {
                w = a.getManager().zeros(new Shape(width * ways, in), a.getDataType(), a.getDevice());
                temporaries.add(w);
                w.set(new NDIndex().addSliceDim(0, out), a);
            }
            NDArray t = w.transpose();
            temporaries.add(t);
            NDArray split = t.reshape(in, ways, width);
            temporaries.add(split);
            // (in, ways, width) -> (ways, in, width); reshaping the permuted view to one axis copies it.
            NDArray permuted = split.transpose(1, 0, 2);
            temporaries.add(permuted);
            NDArray flat = permuted.reshape(ways * in * width);
            temporaries.add(flat);
            return ways == 1 ? flat.reshape(in, width) : flat.reshape(ways, in, width);
        } finally {
            temporaries.forEach(NDArray::close);
        }
    }

    private synchronized void dropTransposed() {
        if (transposed != null) {
            transposed.close();
            transposed = null;
            transposedSource = null;
            transposedWays = 0;
        }
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
            dropTransposed();
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
