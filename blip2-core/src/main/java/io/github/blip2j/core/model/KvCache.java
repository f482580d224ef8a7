package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Decoder self-attention keys and values of every layer, {@code (rows, heads, positions, head_dim)},
 * held in a manager of its own. Each update takes ownership of the new arrays and frees the old
 * ones, so a long generation keeps exactly one cache alive; row selection gathers on the device.
 */
public final class KvCache implements AutoCloseable {

    private final NDManager manager;
    private KeyValue[] layers;

    /** @param parent the manager the cache's own manager is made from */
    public KvCache(NDManager parent) {
        this.manager = parent.newSubManager();
    }

    /** The cached keys/values per layer, or {@code null} before the first step. */
    public KeyValue[] layers() {
        return layers;
    }

    /** Number of cached positions (0 when empty). */
    public int length() {
        return layers == null ? 0 : (int) layers[0].length();
    }

    /** Number of rows (0 when empty). */
    public int rows() {
        return layers == null ? 0 : (int) layers[0].keys().getShape().get(0);
    }

    /** Replaces the cache with {@code next}, taking ownership of its arrays and freeing the previous ones. */
    public void update(KeyValue[] next) {
        Map<NDArray, Boolean> keep = new IdentityHashMap<>();
        for (KeyValue kv : next) {
            kv.keys().attach(manager);
            kv.values().attach(manager);
            keep.put(kv.keys(), true);
            keep.put(kv.values(), true);
        }
        if (layers != null) {
            for (KeyValue kv : layers) {
                if (!keep.containsKey(kv.keys())) {
                    kv.keys().close();
                }
                if (!keep.containsKey(kv.values())) {
                    kv.values().close();
                }
            }
        }
        layers = next;
    }

    /**
     * Gathers rows: afterwards row {@code r} holds what row {@code rows[r]} held. Indices may repeat
     * or be left out.
     */
    public void selectRows(int[] rows) {
        if (layers == null || isIdentity(rows)) {
            return;
        }
        long[] idx = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            idx[i] = rows[i];
        }
        try (NDManager scratch = manager.newSubManager()) {
            NDArray index = scratch.create(idx).toDevice(manager.getDevice(), false);
            KeyValue[] next = new KeyValue[layers.length];
            for (int i = 0; i < layers.length; i++) {
                next[i] = new KeyValue(layers[i].keys().get(index), layers[i].values().get(index));
            }
            update(next);
        }
    }

    /** Whether {@code rows} keeps every row where it is (beam search often keeps its order): no gather needed. */
    private boolean isIdentity(int[] rows) {
        if (rows.length != rows()) {
            return false;
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] != i) {
                return false;
            }
        }
        return true;
    }

    /** Frees every cached array. */
    @Override
    public void close() {
        layers = null;
        manager.close();
    }
}
