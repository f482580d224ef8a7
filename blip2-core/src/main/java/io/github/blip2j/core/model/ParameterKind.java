package io.github.blip2j.core.model;

/** The role of a parameter, which decides how random weights are drawn for benchmarks and tests. */
public enum ParameterKind {
    /** A Linear or Conv weight: N(0, 1/fan_in). */
    WEIGHT,
    /** A bias vector: zero-mean, small. */
    BIAS,
    /** A LayerNorm / RMS-norm scale: around 1. */
    NORM_WEIGHT,
    /** A LayerNorm shift: around 0. */
    NORM_BIAS,
    /** Token, position, class or query embeddings and relative-position tables. */
    EMBEDDING
}
