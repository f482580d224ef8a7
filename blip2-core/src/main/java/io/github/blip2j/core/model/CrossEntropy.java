package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** PyTorch's {@code CrossEntropyLoss(reduction="mean")} with {@code ignore_index=-100}, differentiable. */
public final class CrossEntropy {

    /** Label value that does not count in the loss. */
    public static final long IGNORE_INDEX = -100;

    private CrossEntropy() {}

    /**
     * @param logits {@code (..., V)}
     * @param labels {@code (...)} integer class ids, {@link #IGNORE_INDEX} to skip a position
     * @return a float32 scalar: the mean negative log-likelihood over the positions that count
     * @throws IllegalArgumentException if no position counts
     */
    public static NDArray mean(NDArray logits, NDArray labels) {
        long v = logits.getShape().get(logits.getShape().dimension() - 1);
        NDArray flat = logits.reshape(-1, v).toType(DataType.FLOAT32, false);
        NDArray target = labels.toType(DataType.INT64, false).reshape(-1);
        NDArray valid = target.neq(IGNORE_INDEX);
        NDArray safe = target.mul(valid.toType(DataType.INT64, false));
        NDArray picked = flat.logSoftmax(-1).gather(safe.reshape(-1, 1), 1).reshape(-1);
        NDArray weight = valid.toType(DataType.FLOAT32, false);
        float count = weight.sum().getFloat();
        if (count == 0) {
            throw new IllegalArgumentException("labels: every position is " + IGNORE_INDEX + ", the loss is undefined");
        }
        NDArray total = picked.mul(weight).sum().neg();
        return total.div(Scalars.like(total, count));
    }
}
