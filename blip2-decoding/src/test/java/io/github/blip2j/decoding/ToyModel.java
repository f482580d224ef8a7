package io.github.blip2j.decoding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A next-token model for tests whose logits are a pure function of each row's full prefix. The model
 * tracks every row's prefix itself, from the tokens it is fed and the {@link #selectRows} calls, so a
 * strategy that reorders rows wrongly gets logits for the wrong prefix and its output changes.
 */
final class ToyModel implements NextTokenModel {

    /** Logits of the next token given a prefix (leading token first). */
    interface LogitsFn {
        float[] logits(int[] prefix);
    }

    private final int vocab;
    private final LogitsFn fn;
    private final boolean supplyLogSumExp;
    private List<int[]> rows;
    int calls;
    long rowsComputed;
    int maxRows;
    final List<int[]> selections = new ArrayList<>();

    ToyModel(int vocab, LogitsFn fn, int batch, boolean supplyLogSumExp) {
        this.vocab = vocab;
        this.fn = fn;
        this.supplyLogSumExp = supplyLogSumExp;
        this.rows = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            rows.add(new int[0]);
        }
    }

    /** Logits from a fixed {@code vocab x vocab} table indexed by the last token. */
    static LogitsFn bigram(long seed, int vocab, double scale) {
        Random r = new Random(seed);
        float[][] table = new float[vocab][vocab];
        for (float[] row : table) {
            for (int i = 0; i < vocab; i++) {
                row[i] = (float) (r.nextGaussian() * scale);
            }
        }
        return prefix -> table[prefix[prefix.length - 1]].clone();
    }

    /** Logits drawn from a generator seeded by a hash of the whole prefix. */
    static LogitsFn prefixHash(long seed, int vocab, double scale) {
        return prefix -> {
            Random r = new Random(seed * 31 + Arrays.hashCode(prefix));
            float[] out = new float[vocab];
            for (int i = 0; i < vocab; i++) {
                out[i] = (float) (r.nextGaussian() * scale);
            }
            return out;
        };
    }

    /** Exact log-sum-exp in double, rounded to float. */
    static float logSumExp(float[] x) {
        double m = Double.NEGATIVE_INFINITY;
        for (float v : x) {
            m = Math.max(m, v);
        }
        double s = 0;
        for (float v : x) {
            s += Math.exp(v - m);
        }
        return (float) (m + Math.log(s));
    }

    @Override
    public int vocabSize() {
        return vocab;
    }

    @Override
    public void nextLogits(int[] lastTokens, float[] logits) {
        if (lastTokens.length != rows.size()) {
            throw new IllegalStateException("got " + lastTokens.length + " tokens for " + rows.size() + " rows");
        }
        calls++;
        rowsComputed += rows.size();
        maxRows = Math.max(maxRows, rows.size());
        for (int r = 0; r < rows.size(); r++) {
            int[] prefix = Arrays.copyOf(rows.get(r), rows.get(r).length + 1);
            prefix[prefix.length - 1] = lastTokens[r];
            rows.set(r, prefix);
            System.arraycopy(fn.logits(prefix), 0, logits, r * vocab, vocab);
        }
    }

    @Override
    public boolean nextLogitsAndLogSumExp(int[] lastTokens, float[] logits, float[] logSumExp) {
        nextLogits(lastTokens, logits);
        if (!supplyLogSumExp) {
            return false;
        }
        for (int r = 0; r < lastTokens.length; r++) {
            logSumExp[r] = logSumExp(Arrays.copyOfRange(logits, r * vocab, (r + 1) * vocab));
        }
        return true;
    }

    @Override
    public void selectRows(int[] sel) {
        selections.add(sel.clone());
        List<int[]> next = new ArrayList<>();
        for (int s : sel) {
            if (s < 0 || s >= rows.size()) {
                throw new IllegalStateException("selectRows index " + s + " out of " + rows.size());
            }
            next.add(rows.get(s));
        }
        rows = next;
    }

    int liveRows() {
        return rows.size();
    }
}
