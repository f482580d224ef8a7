package io.github.blip2j.core.text;

/**
 * Where a batch's shorter rows get their padding: RIGHT for encoder inputs and T5 (HF's default),
 * LEFT for decoder-only generation (OPT), so that every row's last real token is at the end.
 */
public enum PaddingSide {
    /** Padding before the tokens. */
    LEFT,
    /** Padding after the tokens. */
    RIGHT
}
