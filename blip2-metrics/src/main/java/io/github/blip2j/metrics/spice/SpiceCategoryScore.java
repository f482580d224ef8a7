package io.github.blip2j.metrics.spice;

/**
 * SPICE's counts and scores of one tuple category for one image (or, summed, for several), as its
 * {@code SPICE_detail} reports them.
 *
 * @param truePositives candidate tuples that match some reference tuple
 * @param falsePositives candidate tuples that match none
 * @param falseNegatives reference tuples minus {@code truePositives} (SPICE lets several candidate
 *     tuples match one reference tuple, so this can be negative)
 * @param precision {@code tp / (tp + fp)}; 0 with no candidate tuple; NaN where SPICE writes null (no
 *     reference tuple in a category other than All)
 * @param recall {@code tp / (tp + fn)}; NaN as {@code precision}
 * @param f harmonic mean of precision and recall, 0 when either is 0; NaN as {@code precision}
 */
public record SpiceCategoryScore(int truePositives, int falsePositives, int falseNegatives,
                                 double precision, double recall, double f) {

    /**
     * Scores counts exactly as SPICE's {@code Evaluation.calcFScore}: with no reference tuple,
     * precision, recall and F are 0, or NaN when {@code nanWithoutReferences} (SPICE does this for
     * every category but "All").
     */
    public static SpiceCategoryScore of(int truePositives, int falsePositives, int falseNegatives,
                                        boolean nanWithoutReferences) {
        double beta = 1.0;
        double pr = 0.0;
        double re = 0.0;
        double f = 0.0;
        int referenceCount = falseNegatives + truePositives;
        int candidateCount = falsePositives + truePositives;
        if (referenceCount > 0) {
            re = (double) truePositives / (double) referenceCount;
            if (candidateCount > 0) {
                pr = (double) truePositives / (double) candidateCount;
            }
            if (pr > 0 && re > 0) {
                f = (1.0 + beta * beta) * (pr * re) / (beta * beta * pr + re);
            }
        }
        if (nanWithoutReferences && referenceCount == 0) {
            pr = Double.NaN;
            re = Double.NaN;
            f = Double.NaN;
        }
        return new SpiceCategoryScore(truePositives, falsePositives, falseNegatives, pr, re, f);
    }

    /** Counts added, scores recomputed from the sums (micro-average); NaN-free. */
    public SpiceCategoryScore plus(SpiceCategoryScore other) {
        return of(truePositives + other.truePositives, falsePositives + other.falsePositives,
            falseNegatives + other.falseNegatives, false);
    }
}
