package io.github.blip2j.core.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scalar operands that stay alive as long as the activation they scale.
 *
 * <p>DJL 0.36's {@code NDArray.mul/div/pow(Number)} wraps the number in a tensor over a Java direct
 * buffer and closes it at once, but autograd keeps that tensor for the backward pass: after a garbage
 * collection the backward reads freed memory (seen as Inf/NaN gradients). A scalar made here lives in
 * {@code like}'s manager, i.e. until the forward's scope closes, which is after the backward.
 * A {@link #constant} lives as long as the process.
 */
final class Scalars {

    private record Key(double value, DataType type, Device device) {}

    /** Model constants (activation coefficients, attention scales), one array each, never freed. */
    private static final Map<Key, NDArray> CONSTANTS = new ConcurrentHashMap<>();
    private static volatile NDManager constants;

    private Scalars() {}

    /**
     * {@code value} as a 0-d array of {@code like}'s dtype on its device, made once per process: a
     * one-row decoding step would otherwise create (and later free) one array per scaled op, ~5% of
     * its ops. The same values as {@link #like}, so results are identical.
     */
    static NDArray constant(NDArray like, double value) {
        return CONSTANTS.computeIfAbsent(new Key(value, like.getDataType(), like.getDevice()), k -> {
            NDArray s = manager().create((float) k.value()).toDevice(k.device(), false);
            return k.type() == s.getDataType() ? s : s.toType(k.type(), false);
        });
    }

    private static NDManager manager() {
        NDManager m = constants;
        if (m == null) {
            synchronized (Scalars.class) {
                m = constants;
                if (m == null) {
                    m = NDManager.newBaseManager();
                    constants = m;
                }
            }
        }
        return m;
    }

    /** {@code value} as a 0-d array of {@code like}'s dtype, in {@code like}'s manager. */
    static NDArray like(NDArray like, double value) {
        NDArray s = like.getManager().create((float) value);
        return like.getDataType() == s.getDataType() ? s : s.toType(like.getDataType(), false);
    }
}
