package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
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
    /** A contiguous {@code (in, out)} copy of {@link #array} for one-row products; guarded by this. */
    private NDArray transposed;
    private NDArray transposedSource;

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
     * A contiguous copy of the 2-D array's transpose, {@code (in, out)}, made on first use in the
     * array's manager, or {@code null} while the parameter is trainable or its array records
     * gradients (then its values may change in place, or a LoRA-merged array is bound). One row times
     * the transpose streams the weight about twice as fast as the {@code (out, in)} layout on the
     * CPUs measured (see {@link LinearOps}). The copy is dropped whenever an array is bound or the
     * parameter is made trainable, so it never outlives the values it was made from.
     */
    synchronized NDArray transposedCopy() {
        NDArray a = array();
        if (trainable || a.hasGradient() || a.getShape().dimension() != 2) {
            return null;
        }
        if (transposed == null || transposedSource != a) {
            dropTransposed();
            long rows = a.getShape().get(0);
            long cols = a.getShape().get(1);
            // reshape of a transposed view to one axis must copy; the 2-D reshape after it is a view.
            NDArray view = a.transpose();
            NDArray flat = view.reshape(rows * cols);
            NDArray copy = flat.reshape(cols, rows);
            view.close();
            flat.close();
            transposed = copy;
            transposedSource = a;
        }
        return transposed;
    }

    private synchronized void dropTransposed() {
        if (transposed != null) {
            transposed.close();
            transposed = null;
            transposedSource = null;
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
