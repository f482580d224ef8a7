package io.github.blip2j.decoding;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What {@code generate} returns: for each batch item, its returned sequences (best first for beam
 * search, in row order for sampling), and optionally each step's processed scores.
 */
public final class GenerationResult {

    private final int[] leadingTokens;
    private final List<List<GeneratedSequence>> items;
    private final List<float[][]> stepScores;

    GenerationResult(int[] leadingTokens, List<List<GeneratedSequence>> items, List<float[][]> stepScores) {
        this.leadingTokens = leadingTokens.clone();
        List<List<GeneratedSequence>> copy = new ArrayList<>();
        for (List<GeneratedSequence> seqs : items) {
            copy.add(List.copyOf(seqs));
        }
        this.items = Collections.unmodifiableList(copy);
        this.stepScores = Collections.unmodifiableList(new ArrayList<>(stepScores));
    }

    /** Number of batch items. */
    public int batchSize() {
        return items.size();
    }

    /** The returned sequences of every batch item. */
    public List<List<GeneratedSequence>> items() {
        return items;
    }

    /** The returned sequences of batch item {@code item}. */
    public List<GeneratedSequence> sequences(int item) {
        return items.get(item);
    }

    /** The first returned sequence of batch item {@code item} (the best one for beam search). */
    public GeneratedSequence best(int item) {
        return items.get(item).get(0);
    }

    /**
     * HF's {@code output_scores} (only when the config asked for them, else empty): one entry per
     * step; entry {@code [row]} holds the processed scores of row {@code item * n + j} (n = beams for
     * beam search, else {@code num_return_sequences}), or null when that row had already finished.
     * Greedy: processed logits; sampling: warped logits; beam search: processed log-probs without the
     * running beam score, as HF.
     */
    public List<float[][]> stepScores() {
        return stepScores;
    }

    /**
     * The sequences as HF's {@code generate} returns them: one row per returned sequence
     * ({@code item * num_return_sequences + j}), each {@code [leading token, new tokens..., pad...]},
     * all as long as the longest.
     */
    public int[][] toPaddedSequences(int padTokenId) {
        int rows = 0;
        int width = 0;
        for (List<GeneratedSequence> seqs : items) {
            rows += seqs.size();
            for (GeneratedSequence s : seqs) {
                width = Math.max(width, 1 + s.length());
            }
        }
        int[][] out = new int[rows][width];
        int r = 0;
        for (int b = 0; b < items.size(); b++) {
            for (GeneratedSequence s : items.get(b)) {
                java.util.Arrays.fill(out[r], padTokenId);
                out[r][0] = leadingTokens[b];
                for (int i = 0; i < s.length(); i++) {
                    out[r][1 + i] = s.token(i);
                }
                r++;
            }
        }
        return out;
    }

    /** The scores of {@link #toPaddedSequences} rows, in the same order (HF {@code sequences_scores} for beams). */
    public double[] scores() {
        List<Double> all = new ArrayList<>();
        for (List<GeneratedSequence> seqs : items) {
            for (GeneratedSequence s : seqs) {
                all.add(s.score());
            }
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
