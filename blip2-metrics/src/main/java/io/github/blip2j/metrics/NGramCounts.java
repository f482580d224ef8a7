package io.github.blip2j.metrics;

import java.util.Arrays;

/**
 * The distinct n-grams of one order in one caption with their counts: in first-occurrence order
 * (the order Python's dicts iterate, which fixes the summation order of CIDEr's dot products) and
 * sorted by id (for lookups).
 */
final class NGramCounts {

    static final NGramCounts EMPTY = new NGramCounts(new int[0], new int[0], new int[0], new int[0], new int[0], 0);

    /** Distinct ids in first-occurrence order, and their counts. */
    final int[] ids;
    final int[] counts;
    /** The same, sorted by id. */
    final int[] sortedIds;
    final int[] sortedCounts;
    /** For each sorted position, the first-occurrence position of the same id. */
    final int[] orderOfSorted;
    /** Number of n-gram occurrences (sum of counts). */
    final int total;

    private NGramCounts(int[] ids, int[] counts, int[] sortedIds, int[] sortedCounts, int[] orderOfSorted, int total) {
        this.ids = ids;
        this.counts = counts;
        this.sortedIds = sortedIds;
        this.sortedCounts = sortedCounts;
        this.orderOfSorted = orderOfSorted;
        this.total = total;
    }

    static NGramCounts of(int[] grams) {
        int n = grams.length;
        if (n == 0) {
            return EMPTY;
        }
        int[] sorted = grams.clone();
        Arrays.sort(sorted);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[distinct] = sorted[i];
                distinct++;
            }
        }
        int[] sortedIds = Arrays.copyOf(sorted, distinct);
        int[] sortedCounts = new int[distinct];
        int[] ids = new int[distinct];
        int[] counts = new int[distinct];
        int[] orderOf = new int[distinct];
        Arrays.fill(orderOf, -1);
        int next = 0;
        for (int g : grams) {
            int p = Arrays.binarySearch(sortedIds, g);
            sortedCounts[p]++;
            if (orderOf[p] < 0) {
                orderOf[p] = next;
                ids[next++] = g;
            }
        }
        for (int p = 0; p < distinct; p++) {
            counts[orderOf[p]] = sortedCounts[p];
        }
        return new NGramCounts(ids, counts, sortedIds, sortedCounts, orderOf, n);
    }

    /** First-occurrence position of n-gram {@code id}, or -1 if it does not occur. */
    int positionOf(int id) {
        int p = Arrays.binarySearch(sortedIds, id);
        return p >= 0 ? orderOfSorted[p] : -1;
    }

    /** How often n-gram {@code id} occurs (0 if not at all). */
    int count(int id) {
        int p = Arrays.binarySearch(sortedIds, id);
        return p >= 0 ? sortedCounts[p] : 0;
    }
}
