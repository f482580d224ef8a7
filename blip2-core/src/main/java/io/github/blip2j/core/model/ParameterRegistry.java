package io.github.blip2j.core.model;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Every parameter of a model under its checkpoint name, in registration order, plus the tied names
 * that share another parameter's array (T5's {@code encoder.embed_tokens} = {@code shared}, OPT's
 * {@code lm_head} = {@code embed_tokens}). Loading a checkpoint is a straight mapping over it.
 */
public final class ParameterRegistry {

    private final Map<String, ModelParameter> params = new LinkedHashMap<>();
    private final Map<String, String> ties = new LinkedHashMap<>();

    /** A scope whose names start with {@code prefix} (no trailing dot). */
    public ParameterScope scope(String prefix) {
        return new ParameterScope(this, prefix);
    }

    ModelParameter register(String name, Shape shape, ParameterKind kind) {
        if (params.containsKey(name) || ties.containsKey(name)) {
            throw new IllegalStateException("parameter " + name + " registered twice");
        }
        ModelParameter p = new ModelParameter(name, shape, kind);
        params.put(name, p);
        return p;
    }

    /** Declares {@code alias} as a second name of {@code source}; returns the source parameter. */
    ModelParameter tie(String alias, ModelParameter source) {
        if (params.containsKey(alias) || ties.containsKey(alias)) {
            throw new IllegalStateException("parameter " + alias + " registered twice");
        }
        ties.put(alias, source.name());
        return source;
    }

    /** The parameter called {@code name}, following ties; {@code null} if none. */
    public ModelParameter find(String name) {
        ModelParameter p = params.get(name);
        if (p == null && ties.containsKey(name)) {
            p = params.get(ties.get(name));
        }
        return p;
    }

    /**
     * The parameter called {@code name}, following ties.
     *
     * @throws IllegalArgumentException if there is none
     */
    public ModelParameter get(String name) {
        ModelParameter p = find(name);
        if (p == null) {
            throw new IllegalArgumentException("no parameter named " + name);
        }
        return p;
    }

    /** All distinct parameters in registration order (tied aliases not repeated). */
    public Collection<ModelParameter> all() {
        return Collections.unmodifiableCollection(params.values());
    }

    /** Tied names: alias to the name of the parameter it shares. */
    public Map<String, String> ties() {
        return Collections.unmodifiableMap(ties);
    }

    /** Parameters whose name matches. */
    public List<ModelParameter> matching(Predicate<String> names) {
        List<ModelParameter> out = new ArrayList<>();
        for (ModelParameter p : params.values()) {
            if (names.test(p.name())) {
                out.add(p);
            }
        }
        return out;
    }

    /** Parameters currently marked trainable. */
    public List<ModelParameter> trainable() {
        List<ModelParameter> out = new ArrayList<>();
        for (ModelParameter p : params.values()) {
            if (p.isTrainable()) {
                out.add(p);
            }
        }
        return out;
    }

    /** Marks the parameters whose name matches trainable and every other one frozen. */
    public void setTrainable(Predicate<String> names) {
        for (ModelParameter p : params.values()) {
            p.setTrainable(names.test(p.name()));
        }
    }

    /** Total number of values over distinct parameters. */
    public long numValues() {
        long n = 0;
        for (ModelParameter p : params.values()) {
            n += p.size();
        }
        return n;
    }
}
