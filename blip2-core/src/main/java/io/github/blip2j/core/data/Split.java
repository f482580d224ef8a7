package io.github.blip2j.core.data;

import java.util.Locale;

/** Which part of a data set an image belongs to. */
public enum Split {
    TRAIN, VALIDATION, TEST;

    /**
     * The split a label names: {@code train}, {@code restval} (Karpathy's extra training images),
     * {@code val}/{@code validation}/{@code dev}, {@code test}; case-insensitive.
     *
     * @throws IllegalArgumentException for any other label
     */
    public static Split fromLabel(String label) {
        String l = label == null ? "" : label.trim().toLowerCase(Locale.ROOT);
        return switch (l) {
            case "train", "restval" -> TRAIN;
            case "val", "validation", "dev" -> VALIDATION;
            case "test" -> TEST;
            default -> throw new IllegalArgumentException("split label must be one of train, restval, val, "
                    + "validation, dev, test; got '" + label + "'");
        };
    }

    /** The lower-case label: train, validation, test. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
