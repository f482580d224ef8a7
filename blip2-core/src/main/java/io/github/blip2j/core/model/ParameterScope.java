package io.github.blip2j.core.model;

import ai.djl.ndarray.types.Shape;

/**
 * A name prefix inside a {@link ParameterRegistry}, so each component registers its weights under
 * the same dotted names that Hugging Face's module tree gives them.
 */
public final class ParameterScope {

    private final ParameterRegistry registry;
    private final String prefix;

    ParameterScope(ParameterRegistry registry, String prefix) {
        this.registry = registry;
        this.prefix = prefix;
    }

    /** The full name of a local name. */
    public String name(String local) {
        return prefix.isEmpty() ? local : prefix + "." + local;
    }

    /** A nested scope. */
    public ParameterScope child(String local) {
        return new ParameterScope(registry, name(local));
    }

    /** A nested scope for list index {@code i} (e.g. {@code layers.3}). */
    public ParameterScope child(String local, int i) {
        return child(local + "." + i);
    }

    /** Registers a parameter of the given role and shape. */
    public ModelParameter param(String local, ParameterKind kind, long... shape) {
        return registry.register(name(local), new Shape(shape), kind);
    }

    /** Registers {@code local} as a tied alias of {@code source}. */
    public ModelParameter tie(String local, ModelParameter source) {
        return registry.tie(name(local), source);
    }

    /** The registry this scope writes to. */
    public ParameterRegistry registry() {
        return registry;
    }
}
