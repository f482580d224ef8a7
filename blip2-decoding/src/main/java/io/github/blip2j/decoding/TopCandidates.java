package io.github.blip2j.decoding;

/**
 * The best {@code capacity} (score, flat index) pairs seen so far, sorted by descending score, ties
 * in arrival order. Replaces HF's {@code torch.topk} over {@code beams x vocab}: one pass over each
 * row with a threshold test, no sort of the vocabulary.
 */
final class TopCandidates {

    final float[] score;
    final int[] index;
    private final int capacity;
    int size;

    TopCandidates(int capacity) {
        this.capacity = capacity;
        this.score = new float[capacity];
        this.index = new int[capacity];
    }

    void reset() {
        size = 0;
    }

    /** Offers {@code row[t] + add} with flat index {@code base + t} for every {@code t < n}. */
    void scan(float[] row, int n, float add, int base) {
        int t = 0;
        while (size < capacity && t < n) {
            insert(row[t] + add, base + t);
            t++;
        }
        float worst = score[capacity - 1];
        for (; t < n; t++) {
            float v = row[t] + add;
            if (v > worst) {
                insert(v, base + t);
                worst = score[capacity - 1];
            }
        }
    }

    /**
     * Offers {@code row[offset + t]} with index {@code t} for every {@code t < n}: the best
     * {@code capacity} raw values of one row, straight from the flat logits buffer.
     */
    void scanRaw(float[] row, int offset, int n) {
        int t = 0;
        while (size < capacity && t < n) {
            insert(row[offset + t], t);
            t++;
        }
        float worst = score[capacity - 1];
        for (; t < n; t++) {
            float v = row[offset + t];
            if (v > worst) {
                insert(v, t);
                worst = score[capacity - 1];
            }
        }
    }

    /** Offers one candidate. */
    void offer(float v, int idx) {
        insert(v, idx);
    }

    private void insert(float v, int idx) {
        if (v != v) {
            v = Float.NEGATIVE_INFINITY;
        }
        int p = size < capacity ? size : capacity - 1;
        if (size == capacity && !(v > score[p])) {
            return;
        }
        while (p > 0 && score[p - 1] < v) {
            score[p] = score[p - 1];
            index[p] = index[p - 1];
            p--;
        }
        score[p] = v;
        index[p] = idx;
        if (size < capacity) {
            size++;
        }
    }
}
