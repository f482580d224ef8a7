package io.github.blip2j.core.config;

import java.util.Arrays;

/** The Hugging Face activation names ({@code ACT2FN}) that the BLIP-2 components support. */
public enum Activation {
    /** Exact GELU with erf ({@code "gelu"}). */
    GELU("gelu"),
    /** GELU with the tanh approximation ({@code "gelu_new"}, {@code "gelu_pytorch_tanh"}, {@code "gelu_fast"}). */
    GELU_TANH("gelu_new", "gelu_pytorch_tanh", "gelu_fast"),
    /** {@code x * sigmoid(1.702 x)} ({@code "quick_gelu"}). */
    QUICK_GELU("quick_gelu"),
    /** {@code max(x, 0)}. */
    RELU("relu"),
    /** {@code x * sigmoid(x)} ({@code "silu"}, {@code "swish"}). */
    SILU("silu", "swish");

    private final String[] hfNames;

    Activation(String... hfNames) {
        this.hfNames = hfNames;
    }

    /** The canonical Hugging Face name. */
    public String hfName() {
        return hfNames[0];
    }

    /**
     * Parses a Hugging Face activation name.
     *
     * @param key the config key it came from, for the error message
     * @param name the value
     * @throws ConfigException naming the key when the activation is not supported
     */
    public static Activation fromHfName(String key, String name) {
        for (Activation a : values()) {
            if (Arrays.asList(a.hfNames).contains(name)) {
                return a;
            }
        }
        throw new ConfigException(key + ": unsupported activation \"" + name + "\"; supported: gelu, gelu_new,"
                + " gelu_pytorch_tanh, gelu_fast, quick_gelu, relu, silu, swish");
    }
}
