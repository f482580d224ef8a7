package io.github.blip2j.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * Typed, path-aware reads from one object of a Hugging Face {@code config.json}.
 *
 * <p>{@code save_pretrained} writes each sub-config as a diff against its class defaults, so every
 * read takes the Hugging Face default to use when the key is absent. A key that is present but holds
 * the wrong kind of value fails with {@link ConfigException} naming the full key path.
 */
final class ConfigNode {

    private final JsonNode node;
    private final String path;

    ConfigNode(JsonNode node, String path) {
        if (node != null && !node.isObject() && !node.isNull()) {
            throw new ConfigException(label(path) + ": expected a JSON object, got " + node);
        }
        this.node = node;
        this.path = path;
    }

    private static String label(String path) {
        return path.isEmpty() ? "config" : path;
    }

    String key(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** True when the key is present with a non-null value. */
    boolean has(String key) {
        return node != null && node.hasNonNull(key);
    }

    /** True when the key is present, even with an explicit {@code null}. */
    boolean present(String key) {
        return node != null && node.has(key);
    }

    ConfigNode child(String key) {
        JsonNode child = node == null ? null : node.get(key);
        return new ConfigNode(child == null || child.isNull() ? null : child, key(key));
    }

    int getInt(String key, int fallback) {
        Integer v = getNullableInt(key, fallback);
        if (v == null) {
            throw new ConfigException(key(key) + ": must not be null");
        }
        return v;
    }

    /** An integer that may legitimately be {@code null} (token ids); absent gives the fallback. */
    Integer getNullableInt(String key, Integer fallback) {
        if (!present(key)) {
            return fallback;
        }
        JsonNode v = node.get(key);
        if (v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return v.intValue();
        }
        if (v.isArray() && v.size() == 1 && v.get(0).isIntegralNumber()) {
            return v.get(0).intValue();
        }
        throw new ConfigException(key(key) + ": expected an integer, got " + v);
    }

    double getDouble(String key, double fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode v = node.get(key);
        if (!v.isNumber()) {
            throw new ConfigException(key(key) + ": expected a number, got " + v);
        }
        return v.doubleValue();
    }

    boolean getBoolean(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode v = node.get(key);
        if (!v.isBoolean()) {
            throw new ConfigException(key(key) + ": expected true or false, got " + v);
        }
        return v.booleanValue();
    }

    String getString(String key, String fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode v = node.get(key);
        if (!v.isTextual()) {
            throw new ConfigException(key(key) + ": expected a string, got " + v);
        }
        return v.textValue();
    }

    /** Fails unless {@code value > 0}. */
    int positive(String key, int value) {
        if (value <= 0) {
            throw new ConfigException(key(key) + ": must be > 0, got " + value);
        }
        return value;
    }

    double positive(String key, double value) {
        if (!(value > 0)) {
            throw new ConfigException(
                    key(key) + ": must be > 0, got " + String.format(Locale.ROOT, "%s", value));
        }
        return value;
    }
}
