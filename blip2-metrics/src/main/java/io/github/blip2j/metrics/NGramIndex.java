package io.github.blip2j.metrics;

import io.github.blip2j.metrics.ptb.PyText;

/**
 * Gives every n-gram (n = 1..{@link #MAX_ORDER}) of a corpus a dense integer id so scorers compare
 * n-grams as ints. Words are numbered first ({@link #words}); a unigram's id is its word's id and a
 * k-gram's id (k >= 2) is interned from (id of its (k-1)-gram prefix, id of its last word) and
 * offset by the vocabulary size, so ids of all orders are distinct. Ids are only meaningful within
 * one index, and no score depends on their values. Not thread-safe.
 */
final class NGramIndex {

    static final int MAX_ORDER = 4;

    private final WordTable words;
    private final LongIntMap ngrams;
    private int vocabulary = -1;

    NGramIndex(int expectedWords) {
        words = new WordTable(Math.max(16, expectedWords / 8));
        ngrams = new LongIntMap(expectedWords);
    }

    /** Step 1, for every caption: word ids of {@code split()}, then of {@code split(" ")} (null when the same). */
    int[][] words(String tokenized) {
        int[] split = words.split(tokenized);
        int[] spaced = splitsTheSame(tokenized, split.length) ? null : words.splitOnSpace(tokenized);
        return new int[][] {split, spaced};
    }

    /** Step 2, after step 1 for every caption: n-gram ids of every order. */
    int[][] ngrams(int[] wordIds) {
        if (vocabulary < 0) {
            vocabulary = words.size();
        }
        int[][] grams = new int[MAX_ORDER][];
        grams[0] = wordIds;
        for (int k = 2; k <= MAX_ORDER; k++) {
            int[] previous = grams[k - 2];
            int count = Math.max(0, wordIds.length - k + 1);
            int[] ids = new int[count];
            for (int i = 0; i < count; i++) {
                ids[i] = vocabulary + ngrams.intern(((long) previous[i] << 32) | wordIds[i + k - 1]);
            }
            grams[k - 1] = ids;
        }
        return grams;
    }

    /** Number of distinct ids handed out (all orders); valid after step 2. */
    int ngramCount() {
        return words.size() + ngrams.size();
    }

    /** Whether {@code split(" ")} gives the same words as {@code split()} (single spaces only, not empty). */
    private static boolean splitsTheSame(String s, int wordCount) {
        if (wordCount == 0) {
            return false;
        }
        int spaces = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ') {
                spaces++;
            } else if (PyText.isSpace(c)) {
                return false;
            }
        }
        return spaces == wordCount - 1 && s.charAt(0) != ' ' && s.charAt(s.length() - 1) != ' ';
    }
}
