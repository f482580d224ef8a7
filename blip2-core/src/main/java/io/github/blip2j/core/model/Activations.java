package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import io.github.blip2j.core.config.Activation;

/** Element-wise activations with Hugging Face's exact formulas. */
public final class Activations {

    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);

    private Activations() {}

    /** Applies {@code act} to {@code x}; the result lives in {@code x}'s manager. */
    public static NDArray apply(Activation act, NDArray x) {
        return switch (act) {
            case GELU -> x.getNDArrayInternal().gelu();
            // NewGELUActivation: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
            case GELU_TANH -> x.pow(Scalars.constant(x, 3)).mul(Scalars.constant(x, 0.044715)).add(x)
                    .mul(Scalars.constant(x, SQRT_2_OVER_PI)).tanh().add(Scalars.constant(x, 1)).mul(x)
                    .mul(Scalars.constant(x, 0.5));
            case QUICK_GELU -> x.mul(Scalars.constant(x, 1.702)).getNDArrayInternal().sigmoid().mul(x);
            case RELU -> x.getNDArrayInternal().relu();
            case SILU -> x.getNDArrayInternal().sigmoid().mul(x);
        };
    }
}
