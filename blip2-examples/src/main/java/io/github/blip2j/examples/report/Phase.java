package io.github.blip2j.examples.report;

import java.util.Locale;

/** When a set of captions was made: before or after fine-tuning. */
public enum Phase {
    BEFORE, AFTER;

    /** The JSON and CLI name: {@code before}, {@code after}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The phase a CLI name gives (case-insensitive). */
    public static Phase parse(String name) {
        for (Phase p : values()) {
            if (p.key().equalsIgnoreCase(name.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("phase must be 'before' or 'after', got '" + name + "'");
    }
}
