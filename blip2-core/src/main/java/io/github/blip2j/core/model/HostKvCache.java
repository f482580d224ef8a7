package io.github.blip2j.core.model;

/**
 * A decoder's self-attention keys and values in Java arrays: per layer and row,
 * {@code [head][capacity][head_dim]} floats, grown by doubling. For the JVM-side decoders.
 */
final class HostKvCache {

    private static final int INITIAL_CAPACITY = 32;

    private final int layers;
    private final int heads;
    private final int headDim;
    private float[][][] keys;
    private float[][][] values;
    private int capacity;
    private int length;
    private int rows;

    HostKvCache(int layers, int heads, int headDim, int rows) {
        this.layers = layers;
        this.heads = heads;
        this.headDim = headDim;
        this.rows = rows;
    }

    int length() {
        return length;
    }

    int rows() {
        return rows;
    }

    /** Positions allotted per head in {@link #keys} / {@link #values} arrays. */
    int capacity() {
        return capacity;
    }

    float[] keys(int layer, int row) {
        return keys[layer][row];
    }

    float[] values(int layer, int row) {
        return values[layer][row];
    }

    /** Sets the row count of an empty cache (the first step decides it). */
    void setRows(int rows) {
        if (length != 0 && rows != this.rows) {
            throw new IllegalArgumentException(rows + " rows for a cache of " + this.rows + " rows");
        }
        if (keys != null && rows != keys[0].length) {
            keys = null;
            values = null;
        }
        this.rows = rows;
    }

    /** Makes room for {@code needed} positions. */
    void reserve(int needed) {
        if (keys == null) {
            capacity = Math.max(INITIAL_CAPACITY, needed);
            keys = new float[layers][rows][heads * capacity * headDim];
            values = new float[layers][rows][heads * capacity * headDim];
            return;
        }
        if (needed <= capacity) {
            return;
        }
        int grown = Math.max(capacity * 2, needed);
        for (float[][][] cache : new float[][][][] {keys, values}) {
            for (float[][] layer : cache) {
                for (int row = 0; row < layer.length; row++) {
                    float[] bigger = new float[heads * grown * headDim];
                    for (int h = 0; h < heads; h++) {
                        System.arraycopy(layer[row], h * capacity * headDim, bigger, h * grown * headDim, length * headDim);
                    }
                    layer[row] = bigger;
                }
            }
        }
        capacity = grown;
    }

    /**
     * Writes one row's new key and value, {@code heads * head_dim} floats each from {@code offset} of
     * {@code k} / {@code v}, at position {@link #length} (call {@link #reserve} first).
     */
    void append(int layer, int row, float[] k, float[] v, int offset) {
        for (int h = 0; h < heads; h++) {
            int to = (h * capacity + length) * headDim;
            System.arraycopy(k, offset + h * headDim, keys[layer][row], to, headDim);
            System.arraycopy(v, offset + h * headDim, values[layer][row], to, headDim);
        }
    }

    /** Counts the position written by this step's {@link #append}s. */
    void advance() {
        length++;
    }

    /**
     * Replaces the cache with libtorch's: per layer, keys {@code (rows, H, head_dim, P)} (transposed)
     * and values {@code (rows, H, P, head_dim)}.
     */
    void load(KeyValue[] cache) {
        long[] shape = cache[0].keys().getShape().getShape();
        rows = (int) shape[0];
        int positions = (int) shape[3];
        keys = null;
        length = 0;
        reserve(positions);
        for (int l = 0; l < layers; l++) {
            float[] k = HostArrays.floats(cache[l].keys());
            float[] v = HostArrays.floats(cache[l].values());
            int perRow = heads * positions * headDim;
            for (int r = 0; r < rows; r++) {
                untransposeKeys(k, r * perRow, heads, headDim, positions, keys[l][r], capacity);
                for (int h = 0; h < heads; h++) {
                    System.arraycopy(v, r * perRow + h * positions * headDim, values[l][r], h * capacity * headDim,
                            positions * headDim);
                }
            }
        }
        length = positions;
    }

    /**
     * Copies one row's transposed keys, {@code (H, head_dim, positions)} from {@code from} of {@code src}
     * (libtorch's layout), into {@code [head][stride][head_dim]} (each key's values side by side, as
     * {@link HostAttention} reads them).
     */
    static void untransposeKeys(float[] src, int from, int heads, int headDim, int positions, float[] dst, int stride) {
        for (int h = 0; h < heads; h++) {
            for (int d = 0; d < headDim; d++) {
                int row = from + (h * headDim + d) * positions;
                for (int p = 0; p < positions; p++) {
                    dst[(h * stride + p) * headDim + d] = src[row + p];
                }
            }
        }
    }

    /**
     * Gathers rows: afterwards row {@code i} continues what row {@code selected[i]} held. Indices may
     * repeat or be left out.
     */
    void select(int[] selected) {
        for (int s : selected) {
            if (s < 0 || s >= rows) {
                throw new IndexOutOfBoundsException("selectRows: row " + s + " is outside 0.." + (rows - 1));
            }
        }
        if (keys != null) {
            for (int l = 0; l < layers; l++) {
                keys[l] = gather(keys[l], selected);
                values[l] = gather(values[l], selected);
            }
        }
        rows = selected.length;
    }

    private static float[][] gather(float[][] old, int[] selected) {
        float[][] next = new float[selected.length][];
        boolean[] taken = new boolean[old.length];
        for (int i = 0; i < selected.length; i++) {
            int s = selected[i];
            // Each row appends to its own arrays, so a row selected twice needs a copy.
            next[i] = taken[s] ? old[s].clone() : old[s];
            taken[s] = true;
        }
        return next;
    }
}
