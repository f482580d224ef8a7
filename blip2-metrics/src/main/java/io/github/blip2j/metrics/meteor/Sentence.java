package io.github.blip2j.metrics.meteor;

import java.util.Arrays;

/** One caption after normalisation, as a sequence of looked-up words. Immutable. */
final class Sentence {
    final WordInfo[] words;
    final int[] keys;

    Sentence(WordInfo[] words) {
        this.words = words;
        this.keys = new int[words.length];
        for (int i = 0; i < words.length; i++) {
            keys[i] = words[i].key;
        }
    }

    int size() {
        return words.length;
    }

    /** Same words (by Meteor's hash-code comparison) in the same order. */
    boolean sameWordsAs(Sentence other) {
        return Arrays.equals(keys, other.keys);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (WordInfo w : words) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(w.word);
        }
        return sb.toString();
    }
}
