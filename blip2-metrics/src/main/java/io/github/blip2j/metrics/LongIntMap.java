package io.github.blip2j.metrics;

import java.util.Arrays;

/** Open-addressing map from non-negative {@code long} keys to dense ids {@code 0..size-1}. */
final class LongIntMap {

    private long[] keys;
    private int[] values;
    private int size;
    private int mask;

    LongIntMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
        keys = new long[capacity];
        values = new int[capacity];
        Arrays.fill(keys, -1L);
        mask = capacity - 1;
    }

    int size() {
        return size;
    }

    /** The id of {@code key}, assigning the next free id if it is new. */
    int intern(long key) {
        int slot = slot(key);
        while (true) {
            long k = keys[slot];
            if (k == key) {
                return values[slot];
            }
            if (k == -1L) {
                keys[slot] = key;
                values[slot] = size;
                if (++size * 2 > keys.length) {
                    grow();
                }
                return size - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        Arrays.fill(keys, -1L);
        mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != -1L) {
                int slot = slot(oldKeys[i]);
                while (keys[slot] != -1L) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }
}
