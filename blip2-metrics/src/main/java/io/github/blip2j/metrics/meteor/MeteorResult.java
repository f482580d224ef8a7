package io.github.blip2j.metrics.meteor;

import java.util.List;

/**
 * METEOR over a set of images: one score per image (in input order) and the corpus score, which
 * is the score of the summed statistics (what pycocoevalcap reports as {@code METEOR}).
 */
public final class MeteorResult {

    private final double corpusScore;
    private final double[] imageScores;
    private final List<MeteorStats> imageStats;
    private final MeteorStats totalStats;

    MeteorResult(double corpusScore, double[] imageScores, List<MeteorStats> imageStats, MeteorStats totalStats) {
        this.corpusScore = corpusScore;
        this.imageScores = imageScores;
        this.imageStats = List.copyOf(imageStats);
        this.totalStats = totalStats;
    }

    /** Score of the summed statistics (not the mean of {@link #imageScores()}). */
    public double corpusScore() {
        return corpusScore;
    }

    /** Per-image scores, in the order of the input (a copy). */
    public double[] imageScores() {
        return imageScores.clone();
    }

    /** Score of image {@code i} (input order). */
    public double imageScore(int i) {
        return imageScores[i];
    }

    /** Per-image statistics against each image's best reference, in input order. */
    public List<MeteorStats> imageStats() {
        return imageStats;
    }

    /** The summed statistics the corpus score comes from. */
    public MeteorStats totalStats() {
        return totalStats;
    }

    /** Number of images. */
    public int size() {
        return imageScores.length;
    }
}
