package io.github.blip2j.decoding;

import java.util.ArrayList;
import java.util.List;

/**
 * The finished hypotheses of one batch item (one beam group), with the bookkeeping of transformers
 * v4.36.2 {@code BeamHypotheses}: length-normalised scores, a bounded list that evicts its worst
 * entry, and the three {@code early_stopping} rules.
 */
final class BeamHypotheses {

    /** One finished hypothesis: new tokens (eos included when it ended with eos) and its score. */
    record Hypothesis(double score, int[] tokens, boolean endsWithEos) {}

    private final int capacity;
    private final double lengthPenalty;
    private final EarlyStopping earlyStopping;
    private final int maxNewTokens;
    private final List<Hypothesis> beams = new ArrayList<>();
    private double worstScore = 1e9;

    BeamHypotheses(int capacity, double lengthPenalty, EarlyStopping earlyStopping, int maxNewTokens) {
        this.capacity = capacity;
        this.lengthPenalty = lengthPenalty;
        this.earlyStopping = earlyStopping;
        this.maxNewTokens = maxNewTokens;
    }

    int size() {
        return beams.size();
    }

    List<Hypothesis> beams() {
        return beams;
    }

    /**
     * @param tokens new tokens of the hypothesis (eos included if it ended with one)
     * @param sumLogprobs its running beam score (float32, as HF)
     * @param generatedLen number of new tokens counted by the length penalty (eos included)
     */
    void add(int[] tokens, float sumLogprobs, int generatedLen, boolean endsWithEos) {
        double score = sumLogprobs / Math.pow(generatedLen, lengthPenalty);
        if (beams.size() < capacity || score > worstScore) {
            beams.add(new Hypothesis(score, tokens, endsWithEos));
            if (beams.size() > capacity) {
                // HF sorts (score, index) pairs: drop the lowest (earliest on ties), the next becomes the worst.
                int worst = 0;
                for (int i = 1; i < beams.size(); i++) {
                    if (beams.get(i).score() < beams.get(worst).score()) {
                        worst = i;
                    }
                }
                int second = -1;
                for (int i = 0; i < beams.size(); i++) {
                    if (i != worst && (second < 0 || beams.get(i).score() < beams.get(second).score())) {
                        second = i;
                    }
                }
                worstScore = beams.get(second).score();
                beams.remove(worst);
            } else {
                worstScore = Math.min(score, worstScore);
            }
        }
    }

    /**
     * @param bestSumLogprobs best candidate score of this step (running sum, not normalised)
     * @param generatedLen new tokens after this step
     */
    boolean isDone(float bestSumLogprobs, int generatedLen) {
        if (beams.size() < capacity) {
            return false;
        }
        double highest;
        switch (earlyStopping) {
            case TRUE:
                return true;
            case FALSE:
                highest = bestSumLogprobs / Math.pow(generatedLen, lengthPenalty);
                break;
            default:
                highest = lengthPenalty > 0
                        ? bestSumLogprobs / Math.pow(maxNewTokens, lengthPenalty)
                        : bestSumLogprobs / Math.pow(generatedLen, lengthPenalty);
                break;
        }
        return worstScore >= highest;
    }
}
