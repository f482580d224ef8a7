package io.github.blip2j.core.generation;

import io.github.blip2j.decoding.NextTokenModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A minimal greedy loop with Hugging Face semantics, to test sessions independently of blip2-decoding. */
final class SimpleGreedy {

    private SimpleGreedy() {}

    /** Returns {@code [leading] + new tokens} per row; rows that emitted eos continue with pad. */
    static long[][] run(NextTokenModel model, int rows, int leading, int eos, int pad, int maxNewTokens,
            List<float[]> stepLogits) {
        int v = model.vocabSize();
        float[] logits = new float[rows * v];
        long[][] out = new long[rows][maxNewTokens + 1];
        int[] last = new int[rows];
        Arrays.fill(last, leading);
        boolean[] done = new boolean[rows];
        int steps = 0;
        for (int r = 0; r < rows; r++) {
            out[r][0] = leading;
        }
        for (int t = 1; t <= maxNewTokens; t++) {
            model.nextLogits(last, logits);
            if (stepLogits != null) {
                stepLogits.add(logits.clone());
            }
            boolean all = true;
            for (int r = 0; r < rows; r++) {
                int best = 0;
                for (int j = 1; j < v; j++) {
                    if (logits[r * v + j] > logits[r * v + best]) {
                        best = j;
                    }
                }
                int token = done[r] ? pad : best;
                out[r][t] = token;
                last[r] = token;
                done[r] |= token == eos;
                all &= done[r];
            }
            steps = t;
            if (all) {
                break;
            }
        }
        long[][] trimmed = new long[rows][];
        for (int r = 0; r < rows; r++) {
            trimmed[r] = Arrays.copyOf(out[r], steps + 1);
        }
        return trimmed;
    }

    static List<float[]> newList() {
        return new ArrayList<>();
    }
}
