package io.github.blip2j.decoding;

/**
 * HF {@code early_stopping}: when a beam search item stops once it holds {@code num_beams} finished
 * hypotheses.
 */
public enum EarlyStopping {
    /**
     * {@code false} (HF default): stop when the best running beam, scored as if it ended now, cannot
     * beat the worst finished hypothesis (a heuristic).
     */
    FALSE,
    /** {@code true}: stop as soon as {@code num_beams} hypotheses are finished. */
    TRUE,
    /**
     * {@code "never"}: stop only when no running beam can beat the worst finished hypothesis even at
     * {@code max_length} (canonical beam search).
     */
    NEVER;

    /** The JSON value HF writes: {@code false}, {@code true} or {@code "never"}. */
    public Object jsonValue() {
        return switch (this) {
            case FALSE -> Boolean.FALSE;
            case TRUE -> Boolean.TRUE;
            case NEVER -> "never";
        };
    }
}
