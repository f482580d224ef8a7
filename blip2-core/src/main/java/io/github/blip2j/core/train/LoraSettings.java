package io.github.blip2j.core.train;

import java.util.List;
import java.util.Objects;

/**
 * Low-rank adaptation (LoRA, Hu et al. 2021) as PEFT applies it: a target Linear {@code y = x W^T}
 * becomes {@code y = x (W + (alpha / rank) B A)^T} with {@code A (rank, in)} drawn like PEFT's
 * Kaiming-uniform init and {@code B (out, rank)} zero, so training starts from the base model.
 *
 * @param rank the rank r, 1..4096
 * @param alpha the scale numerator; the update is multiplied by {@code alpha / rank}; finite, > 0
 * @param dropout dropout on the adapter's input, in [0, 1). Only 0 is supported for now: the model's
 *     Linear layers run one fused op on the (merged) weight, so an input-side dropout of the adapter
 *     path cannot be expressed (see {@link LoraAdapters})
 * @param targetModules module names to adapt, matched like PEFT's {@code target_modules}: a Linear
 *     whose module path equals a target or ends with {@code "." + target}. The default, PEFT's for
 *     BLIP-2, is the language model's query and value projections: T5 {@code q}, {@code v}
 *     (self- and cross-attention), OPT {@code q_proj}, {@code v_proj}
 */
public record LoraSettings(int rank, double alpha, double dropout, List<String> targetModules) {

    /** PEFT's target modules for BLIP-2. */
    public static final List<String> DEFAULT_TARGETS = List.of("q", "v", "q_proj", "v_proj");

    /** Validates every field (the message names the field, its value and the allowed range). */
    public LoraSettings {
        if (rank < 1 || rank > 4096) {
            throw new IllegalArgumentException("lora.rank must be in 1..4096, got " + rank);
        }
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("lora.alpha must be a finite value > 0, got " + alpha);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("lora.dropout must be in [0, 1), got " + dropout);
        }
        if (dropout != 0) {
            throw new IllegalArgumentException("lora.dropout = " + dropout + " is not supported yet (allowed: 0): the"
                    + " adapter is merged into the target weight at every forward, which cannot drop the adapter's"
                    + " input only; PEFT's default is 0");
        }
        Objects.requireNonNull(targetModules, "lora.targetModules");
        if (targetModules.isEmpty()) {
            throw new IllegalArgumentException("lora.targetModules must name at least one module, got []");
        }
        for (String t : targetModules) {
            if (t == null || t.isBlank()) {
                throw new IllegalArgumentException("lora.targetModules must not contain blank names, got " + targetModules);
            }
        }
        targetModules = List.copyOf(targetModules);
    }

    /** Rank 8, alpha 16, no dropout, the default targets. */
    public static LoraSettings defaults() {
        return new LoraSettings(8, 16, 0, DEFAULT_TARGETS);
    }

    /** {@code alpha / rank}. */
    public double scaling() {
        return alpha / rank;
    }

    /**
     * Whether the parameter called {@code name} is the weight of a targeted Linear of the language model.
     * Only {@code language_model.*} weights are considered, as PEFT's BLIP-2 targets only match there.
     */
    public boolean targets(String name) {
        if (!name.startsWith("language_model.") || !name.endsWith(".weight")) {
            return false;
        }
        String module = name.substring(0, name.length() - ".weight".length());
        for (String t : targetModules) {
            if (module.equals(t) || module.endsWith("." + t)) {
                return true;
            }
        }
        return false;
    }
}
