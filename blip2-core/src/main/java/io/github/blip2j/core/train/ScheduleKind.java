package io.github.blip2j.core.train;

import java.util.Locale;

/** The shape of the learning rate after the linear warm-up. */
public enum ScheduleKind {
    /** Half a cosine from the peak down to the minimum rate at the last step (LAVIS' BLIP-2 recipe). */
    COSINE,
    /** A straight line from the peak down to the minimum rate at the last step (Hugging Face's default {@code linear}). */
    LINEAR,
    /** The peak rate until the end. */
    CONSTANT;

    /** {@code cosine}, {@code linear} or {@code constant}, case-insensitive. */
    public static ScheduleKind parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "cosine" -> COSINE;
            case "linear" -> LINEAR;
            case "constant" -> CONSTANT;
            default -> throw new IllegalArgumentException("schedule must be cosine, linear or constant, got '" + name + "'");
        };
    }
}
