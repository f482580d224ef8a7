package io.github.blip2j.metrics.analysis;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which caption nouns count as the same thing. Synonyms map to one canonical word (guy and
 * gentleman to man, puppy to dog); hypernyms say what a word is a kind of (man is a person, dog an
 * animal). Two nouns {@link #related match} when their canonical words are equal or one is an
 * ancestor of the other; siblings (boy and girl) do not match, so "a girl" for a boy counts as a
 * hallucination. {@link #defaults()} covers common caption nouns (resource {@code noun-relations.txt});
 * {@link #toBuilder()} extends it.
 */
public final class SynonymTable {

    private static final class Holder {
        static final SynonymTable DEFAULTS = load();

        private static SynonymTable load() {
            Builder b = new Builder();
            String section = null;
            for (String line : ResourceText.lines("noun-relations.txt")) {
                if (line.startsWith("[")) {
                    section = line;
                    continue;
                }
                int colon = line.indexOf(':');
                String head = line.substring(0, colon).trim();
                String[] words = line.substring(colon + 1).trim().split("\\s+");
                if ("[synonyms]".equals(section)) {
                    b.synonyms(head, words);
                } else {
                    for (String w : words) {
                        b.hypernym(w, head);
                    }
                }
            }
            return b.build();
        }
    }

    private final Map<String, String> canonical;
    private final Map<String, Set<String>> parents;

    private SynonymTable(Builder b) {
        this.canonical = Collections.unmodifiableMap(new HashMap<>(b.canonical));
        Map<String, Set<String>> p = new HashMap<>();
        for (Map.Entry<String, Set<String>> e : b.parents.entrySet()) {
            Set<String> ps = new LinkedHashSet<>();
            for (String parent : e.getValue()) {
                ps.add(canon(b.canonical, parent));
            }
            p.merge(canon(b.canonical, e.getKey()), ps, (a, c) -> {
                Set<String> merged = new LinkedHashSet<>(a);
                merged.addAll(c);
                return merged;
            });
        }
        this.parents = Collections.unmodifiableMap(p);
    }

    /** The built-in table. */
    public static SynonymTable defaults() {
        return Holder.DEFAULTS;
    }

    /** An empty table: every noun is only itself. */
    public static SynonymTable none() {
        return new Builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this table's relations, to add more. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.canonical.putAll(canonical);
        parents.forEach((k, v) -> b.parents.put(k, new LinkedHashSet<>(v)));
        return b;
    }

    /** The canonical word of a lemma (the lemma itself when it has no synonym entry). */
    public String concept(String lemma) {
        return canon(canonical, lemma.toLowerCase(Locale.ROOT));
    }

    /** True when {@code ancestor} is a hypernym of {@code concept}, directly or transitively. */
    public boolean isAncestor(String ancestor, String concept) {
        String target = concept(ancestor);
        Deque<String> todo = new ArrayDeque<>(parents.getOrDefault(concept(concept), Set.of()));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String p = todo.pop();
            if (p.equals(target)) {
                return true;
            }
            if (seen.add(p)) {
                todo.addAll(parents.getOrDefault(p, Set.of()));
            }
        }
        return false;
    }

    /** Every hypernym of a lemma's concept, nearest first (transitively). */
    public Set<String> ancestors(String lemma) {
        Set<String> out = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(parents.getOrDefault(concept(lemma), Set.of()));
        while (!todo.isEmpty()) {
            String p = todo.removeFirst();
            if (out.add(p)) {
                todo.addAll(parents.getOrDefault(p, Set.of()));
            }
        }
        return out;
    }

    /** Same concept, or one is an ancestor of the other. */
    public boolean related(String a, String b) {
        String ca = concept(a);
        String cb = concept(b);
        return ca.equals(cb) || isAncestor(ca, cb) || isAncestor(cb, ca);
    }

    private static String canon(Map<String, String> canonical, String w) {
        return canonical.getOrDefault(w, w);
    }

    /** Adds synonym groups and hypernym links. */
    public static final class Builder {
        private final Map<String, String> canonical = new LinkedHashMap<>();
        private final Map<String, Set<String>> parents = new LinkedHashMap<>();

        private Builder() {
        }

        /** {@code words} mean the same as {@code canonicalWord}. */
        public Builder synonyms(String canonicalWord, String... words) {
            String c = word("canonical", canonicalWord);
            for (String w : words) {
                String s = word("synonym", w);
                if (!s.equals(c)) {
                    String previous = canonical.put(s, c);
                    if (previous != null && !previous.equals(c)) {
                        throw new IllegalArgumentException("synonym '" + s + "' is already mapped to '" + previous
                                + "', cannot also map it to '" + c + "'");
                    }
                }
            }
            return this;
        }

        /** {@code word} is a kind of {@code parent}. */
        public Builder hypernym(String word, String parent) {
            String w = word("word", word);
            String p = word("parent", parent);
            if (w.equals(p)) {
                throw new IllegalArgumentException("a noun cannot be its own hypernym: '" + w + "'");
            }
            parents.computeIfAbsent(w, k -> new LinkedHashSet<>()).add(p);
            return this;
        }

        private static String word(String field, String w) {
            if (w == null || w.isBlank()) {
                throw new IllegalArgumentException(field + " must be a non-blank word, got: '" + w + "'");
            }
            return w.strip().toLowerCase(Locale.ROOT);
        }

        public SynonymTable build() {
            return new SynonymTable(this);
        }
    }
}
