package io.github.blip2j.decoding;

/**
 * Serves logits recorded from Hugging Face, step by step, following HF's row layout: every live row
 * carries a label {@code item * rowsPerItem + slot} naming the HF row whose logits it gets. After a
 * {@link #selectRows}, row {@code i} keeps its source's item and takes the next free slot of that item,
 * which is how HF numbers beams after each selection (and how a compacted batch maps back).
 */
final class ReplayModel implements NextTokenModel {

    private final float[] steps; // [step][hfRow][vocab]
    private final int hfRows;
    private final int vocab;
    private final int rowsPerItem;
    private int[] labels;
    private int step;

    ReplayModel(float[] steps, int hfRows, int vocab, int rowsPerItem, int items) {
        this.steps = steps;
        this.hfRows = hfRows;
        this.vocab = vocab;
        this.rowsPerItem = rowsPerItem;
        this.labels = new int[items];
        for (int b = 0; b < items; b++) {
            labels[b] = b * rowsPerItem;
        }
    }

    @Override
    public int vocabSize() {
        return vocab;
    }

    @Override
    public void nextLogits(int[] lastTokens, float[] logits) {
        if (lastTokens.length != labels.length) {
            throw new IllegalStateException("got " + lastTokens.length + " tokens for " + labels.length + " rows");
        }
        int stepCount = steps.length / (hfRows * vocab);
        if (step >= stepCount) {
            throw new IllegalStateException("asked for step " + step + " but only " + stepCount + " were recorded");
        }
        for (int r = 0; r < labels.length; r++) {
            System.arraycopy(steps, (step * hfRows + labels[r]) * vocab, logits, r * vocab, vocab);
        }
        step++;
    }

    @Override
    public void selectRows(int[] rows) {
        int[] next = new int[rows.length];
        int[] used = new int[hfRows / rowsPerItem];
        for (int i = 0; i < rows.length; i++) {
            int item = labels[rows[i]] / rowsPerItem;
            next[i] = item * rowsPerItem + used[item]++;
        }
        labels = next;
    }
}
