package io.github.blip2j.decoding;

import java.util.Arrays;

/**
 * One returned sequence: the new tokens that follow the leading token, up to and including eos when
 * one was generated, never padding; and its score.
 *
 * <p>The score is HF's {@code sequences_scores} for beam search (sum of the processed log-probs of the
 * tokens, eos included, divided by {@code length ** length_penalty}) and, for greedy search and
 * sampling, the sum of the log-probabilities of the chosen tokens under the final (processed and, for
 * sampling, warped) distribution of each step.
 */
public final class GeneratedSequence {

    private final int[] tokens;
    private final double score;
    private final boolean endsWithEos;

    /**
     * @param tokens the new tokens (copied)
     * @param score the sequence score
     * @param endsWithEos whether the last token is an eos the strategy generated
     */
    public GeneratedSequence(int[] tokens, double score, boolean endsWithEos) {
        this.tokens = tokens.clone();
        this.score = score;
        this.endsWithEos = endsWithEos;
    }

    /** The new tokens (a copy). */
    public int[] tokens() {
        return tokens.clone();
    }

    /** Number of new tokens, eos included. */
    public int length() {
        return tokens.length;
    }

    /** The {@code i}-th new token. */
    public int token(int i) {
        return tokens[i];
    }

    /** The sequence score (see the class comment). */
    public double score() {
        return score;
    }

    /** Whether the sequence ended with eos rather than at the length limit. */
    public boolean endsWithEos() {
        return endsWithEos;
    }

    /** The tokens without a final eos, ready for detokenisation. */
    public int[] tokensWithoutEos() {
        return endsWithEos ? Arrays.copyOf(tokens, tokens.length - 1) : tokens.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GeneratedSequence s && Arrays.equals(tokens, s.tokens)
                && Double.compare(score, s.score) == 0 && endsWithEos == s.endsWithEos;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(tokens) + Double.hashCode(score) + (endsWithEos ? 1 : 0);
    }

    @Override
    public String toString() {
        return Arrays.toString(tokens) + " score=" + score + (endsWithEos ? " eos" : "");
    }
}
