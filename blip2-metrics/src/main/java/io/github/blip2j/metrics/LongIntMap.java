package io.github.blip2j.metrics;

import java.util.Arrays;

/**
 * Open-addressing map from non-negative {@code long} keys to dense ids {@code 0..size-1}; key and
 * id share one array so a lookup touches one cache line.
 */
final class LongIntMap {

    private static final long EMPTY = -1L;

    /** {@code [key0, id0, key1, id1, ...]}. */
    private long[] slots;
    private int size;
    private int mask;

    LongIntMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
        slots = new long[capacity * 2];
        Arrays.fill(slots, EMPTY);
        mask = capacity - 1;
    }

    int size() {
        return size;
    }

    /** The id of {@code key}, assigning the next free id if it is new. */
    int intern(long key) {
        int slot = hash(key) & mask;
        while (true) {
            long k = slots[2 * slot];
            if (k == key) {
                return (int) slots[2 * slot + 1];
            }
            if (k == EMPTY) {
                slots[2 * slot] = key;
                slots[2 * slot + 1] = size;
                if (++size * 2 > mask + 1) {
                    grow();
                }
                return size - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29));
    }

    private void grow() {
        long[] old = slots;
        int capacity = (mask + 1) * 2;
        slots = new long[capacity * 2];
        Arrays.fill(slots, EMPTY);
        mask = capacity - 1;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != EMPTY) {
                int slot = hash(old[i]) & mask;
                while (slots[2 * slot] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                slots[2 * slot] = old[i];
                slots[2 * slot + 1] = old[i + 1];
            }
        }
    }
}
