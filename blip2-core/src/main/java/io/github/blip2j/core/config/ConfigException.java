package io.github.blip2j.core.config;

/** A {@code config.json} value that is malformed, out of range or not supported; the message names the key. */
public final class ConfigException extends IllegalArgumentException {

    /**
     * @param message what is wrong, starting with the key path (for example {@code text_config.model_type})
     */
    public ConfigException(String message) {
        super(message);
    }
}
