package io.github.blip2j.core.train;

import java.util.Locale;
import java.util.function.Predicate;

/**
 * Which parameters a {@link FineTuner} updates. Everything else is frozen: it records no gradient
 * and its optimizer state does not exist.
 */
public enum Trainable {
    /**
     * The BLIP-2 recipe (LAVIS, the default): {@code qformer.*}, {@code query_tokens} and
     * {@code language_projection.*}; the vision tower and the language model stay frozen.
     */
    QFORMER,
    /** {@link #QFORMER} plus the vision tower ({@code vision_model.*}); the language model stays frozen. */
    QFORMER_AND_VISION,
    /** Every parameter, the language model included. */
    ALL,
    /**
     * Low-rank adapters on the language model's attention projections (see {@link LoraSettings});
     * every model parameter stays frozen, as PEFT does.
     */
    LORA;

    /** Whether the model parameter called {@code name} (Hugging Face name) is trained in this mode. */
    public boolean includes(String name) {
        return switch (this) {
            case QFORMER -> isQFormerPart(name);
            case QFORMER_AND_VISION -> isQFormerPart(name) || name.startsWith("vision_model.");
            case ALL -> true;
            case LORA -> false;
        };
    }

    /** {@link #includes} as a predicate. */
    public Predicate<String> predicate() {
        return this::includes;
    }

    private static boolean isQFormerPart(String name) {
        return name.startsWith("qformer.") || name.equals("query_tokens") || name.startsWith("language_projection.");
    }

    /**
     * The mode a CLI name gives: {@code qformer}, {@code qformer+vision}, {@code all}, {@code lora}
     * (case-insensitive; {@code _} and {@code -} are accepted for {@code +}).
     */
    public static Trainable parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('_', '+').replace('-', '+');
        return switch (n) {
            case "qformer" -> QFORMER;
            case "qformer+vision", "qformer+and+vision" -> QFORMER_AND_VISION;
            case "all" -> ALL;
            case "lora" -> LORA;
            default -> throw new IllegalArgumentException("trainable must be one of qformer, qformer+vision, all, lora;"
                    + " got '" + name + "'");
        };
    }
}
