package io.github.blip2j.metrics;

import io.github.blip2j.metrics.ptb.PyText;
import java.util.HashMap;
import java.util.Map;

/**
 * Gives every word and every n-gram (n = 1..{@link #MAX_ORDER}) of a corpus a dense integer id,
 * so scorers compare n-grams as ints: a k-gram's id is interned from (id of its (k-1)-gram prefix,
 * id of its last word). Ids are only meaningful within one index. Not thread-safe.
 */
final class NGramIndex {

    static final int MAX_ORDER = 4;

    private final Map<String, Integer> words = new HashMap<>();
    private final LongIntMap ngrams;

    NGramIndex(int expectedNGrams) {
        ngrams = new LongIntMap(expectedNGrams);
    }

    int ngramCount() {
        return ngrams.size();
    }

    EncodedCaption encode(String tokenized) {
        String[] split = PyText.split(tokenized);
        int[] wordIds = new int[split.length];
        for (int i = 0; i < split.length; i++) {
            wordIds[i] = word(split[i]);
        }
        int[][] grams = new int[MAX_ORDER][];
        int[] previous = null;
        for (int k = 1; k <= MAX_ORDER; k++) {
            int count = Math.max(0, split.length - k + 1);
            int[] ids = new int[count];
            for (int i = 0; i < count; i++) {
                long prefix = k == 1 ? 0 : previous[i] + 1L;
                ids[i] = ngrams.intern((prefix << 32) | wordIds[i + k - 1]);
            }
            grams[k - 1] = ids;
            previous = ids;
        }
        String[] spaced = PyText.splitOnSpace(tokenized);
        int[] spaceTokens = new int[spaced.length];
        for (int i = 0; i < spaced.length; i++) {
            spaceTokens[i] = word(spaced[i]);
        }
        return new EncodedCaption(split.length, grams, spaceTokens);
    }

    private int word(String w) {
        Integer id = words.get(w);
        if (id == null) {
            id = words.size();
            words.put(w, id);
        }
        return id;
    }
}
