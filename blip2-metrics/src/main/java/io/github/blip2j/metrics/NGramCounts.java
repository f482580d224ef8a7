package io.github.blip2j.metrics;

import java.util.Arrays;

/**
 * The distinct n-grams of one order in one caption with their counts: in first-occurrence order
 * (the order Python's dicts iterate, which fixes the summation order of CIDEr's dot products) and
 * sorted by id (for lookups).
 */
final class NGramCounts {

    static final NGramCounts EMPTY = new NGramCounts(new int[0], new int[0], new int[0], new int[0], 0);
    private static final int SMALL = 48;

    /** Distinct ids in first-occurrence order, and their counts. */
    final int[] ids;
    final int[] counts;
    /** The distinct ids sorted, and for each its first-occurrence position. */
    final int[] sortedIds;
    final int[] orderOfSorted;
    /** Number of n-gram occurrences (sum of counts). */
    final int total;

    private NGramCounts(int[] ids, int[] counts, int[] sortedIds, int[] orderOfSorted, int total) {
        this.ids = ids;
        this.counts = counts;
        this.sortedIds = sortedIds;
        this.orderOfSorted = orderOfSorted;
        this.total = total;
    }

    static NGramCounts of(int[] grams) {
        int n = grams.length;
        if (n == 0) {
            return EMPTY;
        }
        int[] ids = new int[n];
        int[] counts = new int[n];
        int distinct = n <= SMALL ? distinctByScan(grams, ids, counts) : distinctBySort(grams, ids, counts);
        ids = Arrays.copyOf(ids, distinct);
        counts = Arrays.copyOf(counts, distinct);
        // sort positions by id (insertion sort on packed (id, position): ids are non-negative)
        long[] packed = new long[distinct];
        for (int p = 0; p < distinct; p++) {
            packed[p] = ((long) ids[p] << 32) | p;
        }
        Arrays.sort(packed);
        int[] sortedIds = new int[distinct];
        int[] orderOfSorted = new int[distinct];
        for (int p = 0; p < distinct; p++) {
            sortedIds[p] = (int) (packed[p] >>> 32);
            orderOfSorted[p] = (int) packed[p];
        }
        return new NGramCounts(ids, counts, sortedIds, orderOfSorted, n);
    }

    private static int distinctByScan(int[] grams, int[] ids, int[] counts) {
        int distinct = 0;
        outer:
        for (int g : grams) {
            for (int j = 0; j < distinct; j++) {
                if (ids[j] == g) {
                    counts[j]++;
                    continue outer;
                }
            }
            ids[distinct] = g;
            counts[distinct++] = 1;
        }
        return distinct;
    }

    private static int distinctBySort(int[] grams, int[] ids, int[] counts) {
        long[] packed = new long[grams.length];
        for (int i = 0; i < grams.length; i++) {
            packed[i] = ((long) grams[i] << 32) | i;
        }
        Arrays.sort(packed);
        // for each distinct id: its first position and count; then order by first position
        long[] firsts = new long[grams.length];
        int[] runCounts = new int[grams.length];
        int distinct = 0;
        for (int i = 0; i < packed.length; i++) {
            if (i == 0 || (packed[i] >>> 32) != (packed[i - 1] >>> 32)) {
                firsts[distinct] = ((packed[i] & 0xFFFFFFFFL) << 32) | distinct;
                runCounts[distinct++] = 1;
            } else {
                runCounts[distinct - 1]++;
            }
        }
        long[] byPosition = Arrays.copyOf(firsts, distinct);
        Arrays.sort(byPosition);
        for (int p = 0; p < distinct; p++) {
            int run = (int) byPosition[p];
            int position = (int) (byPosition[p] >>> 32);
            ids[p] = grams[position];
            counts[p] = runCounts[run];
        }
        return distinct;
    }

    /** First-occurrence position of n-gram {@code id}, or -1 if it does not occur. */
    int positionOf(int id) {
        int p = Arrays.binarySearch(sortedIds, id);
        return p >= 0 ? orderOfSorted[p] : -1;
    }

    /** How often n-gram {@code id} occurs (0 if not at all). */
    int count(int id) {
        int p = positionOf(id);
        return p >= 0 ? counts[p] : 0;
    }
}
