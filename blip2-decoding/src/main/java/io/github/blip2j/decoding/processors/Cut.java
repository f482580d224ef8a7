package io.github.blip2j.decoding.processors;

/** Shared masking loop of the warpers. */
final class Cut {

    private Cut() {}

    /** Sets every score strictly below {@code threshold} to -inf. */
    static void below(float[] scores, int n, float threshold) {
        for (int i = 0; i < n; i++) {
            if (scores[i] < threshold) {
                scores[i] = Float.NEGATIVE_INFINITY;
            }
        }
    }
}
