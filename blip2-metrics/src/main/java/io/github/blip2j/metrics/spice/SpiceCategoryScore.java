package io.github.blip2j.metrics.spice;

/**
 * SPICE's counts and scores of one tuple category for one image, as its {@code SPICE_detail}
 * reports them.
 *
 * @param truePositives candidate tuples that match some reference tuple
 * @param falsePositives candidate tuples that match none
 * @param falseNegatives reference tuples minus {@code truePositives} (SPICE lets several candidate
 *     tuples match one reference tuple, so this can be negative)
 * @param precision {@code tp / (tp + fp)}; NaN where SPICE writes null (no reference tuple in a
 *     category other than All)
 * @param recall {@code tp / (tp + fn)}; NaN as {@code precision}
 * @param f harmonic mean of precision and recall, 0 when either is 0; NaN as {@code precision}
 */
public record SpiceCategoryScore(int truePositives, int falsePositives, int falseNegatives,
                                 double precision, double recall, double f) {
}
