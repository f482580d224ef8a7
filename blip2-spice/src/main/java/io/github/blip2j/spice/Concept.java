package io.github.blip2j.spice;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A scene-graph concept: the words that were merged into it and the union of their WordNet
 * synsets. Mutable, because SPICE merges synonymous concepts while it builds a graph.
 */
final class Concept {

    private final Set<String> words = new LinkedHashSet<>(2);
    private int[] synsets;

    Concept(String word, int[] synsets) {
        this.words.add(word);
        this.synsets = synsets;
    }

    /** Same words and same synsets (SPICE's {@code SemanticConcept.equals}). */
    boolean sameAs(Concept other) {
        return words.equals(other.words) && java.util.Arrays.equals(synsets, other.synsets);
    }

    /** Shares a synset or a word: the match test for tuples and for merging attributes/relations. */
    boolean similarTo(Concept other) {
        if (intersectionSize(synsets, other.synsets) > 0) {
            return true;
        }
        for (String w : words) {
            if (other.words.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /**
     * 1 when a word is shared, else the Jaccard index of the synset sets; computed in float as SPICE
     * does, so ties between candidate nodes break the same way. NaN when neither has synsets.
     */
    float similarity(Concept other) {
        for (String w : words) {
            if (other.words.contains(w)) {
                return 1f;
            }
        }
        int inter = intersectionSize(synsets, other.synsets);
        int union = synsets.length + other.synsets.length - inter;
        return ((float) inter) / ((float) union);
    }

    void merge(Concept other) {
        words.addAll(other.words);
        synsets = WordNetSynsets.union(synsets, other.synsets);
    }

    /** The single word when nothing was merged into this concept, else null. */
    String singleWord() {
        return words.size() == 1 ? words.iterator().next() : null;
    }

    Set<String> words() {
        return words;
    }

    private static int intersectionSize(int[] a, int[] b) {
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length && j < b.length) {
            if (a[i] < b[j]) {
                i++;
            } else if (a[i] > b[j]) {
                j++;
            } else {
                n++;
                i++;
                j++;
            }
        }
        return n;
    }

    @Override
    public String toString() {
        return String.join("/", words);
    }
}
