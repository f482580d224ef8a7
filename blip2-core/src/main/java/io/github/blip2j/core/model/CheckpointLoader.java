package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.blip2j.core.io.SafetensorsReader;
import io.github.blip2j.core.io.TensorInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds checkpoint tensors to a {@link ParameterRegistry}: every name and shape is validated against
 * the config before anything is loaded, tied weights that the checkpoint omits are restored from
 * their source (and duplicates that older checkpoints keep are accepted), and the arrays are loaded
 * into a staging manager that is only handed to the model once all of them succeeded, so a bad
 * checkpoint never leaves a partial model.
 */
public final class CheckpointLoader {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointLoader.class);
    private static final int MAX_LISTED = 20;

    /** Tensors that Hugging Face itself ignores on load (T5's {@code _keys_to_ignore_on_load_unexpected}). */
    private static final List<String> IGNORED_SUFFIXES = List.of(
            "decoder.block.0.layer.1.EncDecAttention.relative_attention_bias.weight");

    private CheckpointLoader() {}

    /**
     * Validates and loads every parameter.
     *
     * @param target manager that will own the weights
     * @param dtype compute type the weights are converted to
     * @throws CheckpointMismatchException listing every missing, unexpected or mis-shaped tensor
     */
    public static void load(ParameterRegistry registry, SafetensorsReader reader, NDManager target, DataType dtype) {
        Map<ModelParameter, String> sources = validate(registry, reader);
        Map<ModelParameter, NDArray> loaded = new LinkedHashMap<>();
        try (NDManager staging = target.newSubManager()) {
            for (Map.Entry<ModelParameter, String> e : sources.entrySet()) {
                loaded.put(e.getKey(), reader.load(e.getValue(), staging, dtype));
            }
            for (Map.Entry<ModelParameter, NDArray> e : loaded.entrySet()) {
                e.getValue().attach(target);
                e.getKey().set(e.getValue());
            }
        }
        LOG.debug("loaded {} tensors ({} values) from {}", sources.size(), registry.numValues(), reader.source());
    }

    /** Which checkpoint tensor feeds each parameter; fails listing every problem at once. */
    static Map<ModelParameter, String> validate(ParameterRegistry registry, SafetensorsReader reader) {
        List<String> problems = new ArrayList<>();
        for (String name : reader.names()) {
            if (registry.find(name) == null) {
                if (IGNORED_SUFFIXES.stream().anyMatch(name::endsWith)) {
                    LOG.debug("ignoring tensor {} (unused by the model, as in Hugging Face)", name);
                } else {
                    TensorInfo info = reader.info(name);
                    problems.add("unexpected tensor '" + name + "' " + new Shape(info.shape()) + " in "
                            + info.file().getFileName());
                }
            }
        }
        Map<String, List<String>> aliasesOf = new LinkedHashMap<>();
        registry.ties().forEach((alias, source) -> aliasesOf.computeIfAbsent(source, k -> new ArrayList<>()).add(alias));
        Map<ModelParameter, String> sources = new LinkedHashMap<>();
        for (ModelParameter p : registry.all()) {
            List<String> names = new ArrayList<>();
            names.add(p.name());
            names.addAll(aliasesOf.getOrDefault(p.name(), List.of()));
            String chosen = null;
            for (String n : names) {
                if (!reader.contains(n)) {
                    continue;
                }
                TensorInfo info = reader.info(n);
                Shape actual = new Shape(info.shape());
                if (!actual.equals(p.shape())) {
                    problems.add("tensor '" + n + "' in " + info.file().getFileName() + ": expected shape "
                            + p.shape() + " from the config, got " + actual);
                } else if (chosen == null) {
                    chosen = n;
                }
            }
            if (chosen != null) {
                sources.put(p, chosen);
            } else if (names.stream().noneMatch(reader::contains)) {
                problems.add("missing tensor '" + p.name() + "' " + p.shape()
                        + (names.size() > 1 ? " (nor its tied names " + names.subList(1, names.size()) + ")" : ""));
            }
        }
        if (!problems.isEmpty()) {
            StringBuilder msg = new StringBuilder(reader.source() + ": checkpoint does not match the config ("
                    + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + ")");
            problems.stream().limit(MAX_LISTED).forEach(s -> msg.append("\n  ").append(s));
            if (problems.size() > MAX_LISTED) {
                msg.append("\n  ... and ").append(problems.size() - MAX_LISTED).append(" more");
            }
            throw new CheckpointMismatchException(msg.toString());
        }
        return sources;
    }
}
