package io.github.blip2j.metrics.meteor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * WordNet 3.0 synsets as Meteor 1.5's synonym module sees them: lemma -> synset offsets, plus
 * WordNet's irregular-inflection exceptions and its regular de-inflection rules ("morphy").
 *
 * <p>Built once per JVM from the bundled resources (see {@code WordNetSynonymsGenerator} for how
 * they were made and {@code WORDNET-LICENSE.txt} for the licence). Immutable and thread-safe.
 */
final class WordNetSynonyms {

    static final String SYNSETS_RESOURCE = "wordnet30-synsets.txt.gz";
    static final String EXCEPTIONS_RESOURCE = "wordnet30-exceptions.txt.gz";

    private static final int[] NONE = new int[0];

    /** WordNet's de-inflection rules: a word ending in SUFFIXES[i] may be the lemma + ENDINGS[i]. */
    private static final String[] SUFFIXES = {
        "s", "ses", "xes", "zes", "ches", "shes", "men", "ies", // nouns
        "s", "ies", "es", "es", "ed", "ed", "ing", "ing", // verbs
        "er", "est", "er", "est"}; // adjectives
    private static final String[] ENDINGS = {
        "", "s", "x", "z", "ch", "sh", "man", "y",
        "", "y", "e", "", "e", "", "e", "",
        "", "", "e", "e"};

    private final Map<String, int[]> lemmaSynsets;
    private final Map<String, String[]> exceptionBases;

    private WordNetSynonyms(Map<String, int[]> lemmaSynsets, Map<String, String[]> exceptionBases) {
        this.lemmaSynsets = lemmaSynsets;
        this.exceptionBases = exceptionBases;
    }

    /** The bundled English WordNet 3.0 data (loaded on first use, about 0.3 s). */
    static WordNetSynonyms english() {
        return Holder.ENGLISH;
    }

    private static final class Holder {
        static final WordNetSynonyms ENGLISH = load();
    }

    /**
     * Synsets that make two different words synonyms in Meteor: those of the word itself as a
     * lemma, plus those of its base form (irregular exception, else the first regular rule that
     * yields a known lemma). Sorted, without duplicates.
     */
    int[] synsetsOf(String word) {
        int[] own = lemmaSynsets.getOrDefault(word, NONE);
        int[] base = baseFormSynsets(word);
        if (base.length == 0) {
            return own;
        }
        int[] all = Arrays.copyOf(own, own.length + base.length);
        System.arraycopy(base, 0, all, own.length, base.length);
        return sortedUnique(all);
    }

    private int[] baseFormSynsets(String word) {
        String[] bases = exceptionBases.get(word);
        if (bases == null) {
            return lemmaSynsets.getOrDefault(baseForm(word), NONE);
        }
        int[] all = NONE;
        for (String base : bases) {
            int[] ids = lemmaSynsets.getOrDefault(base, NONE);
            int n = all.length;
            all = Arrays.copyOf(all, n + ids.length);
            System.arraycopy(ids, 0, all, n, ids.length);
        }
        return all;
    }

    /**
     * Meteor's copy of WordNet's regular de-inflection. Quirk kept from Meteor: a word ending in
     * "ful" gets "ful" appended again to the base it finds ("cupfuls" -> "cupfulful"), which
     * then has no synsets.
     */
    private String baseForm(String word) {
        String end = word.endsWith("ful") ? "ful" : "";
        if (word.endsWith("ss") || word.length() <= 2) {
            return word;
        }
        for (int i = 0; i < SUFFIXES.length; i++) {
            if (word.endsWith(SUFFIXES[i])) {
                String candidate = word.substring(0, word.length() - SUFFIXES[i].length()) + ENDINGS[i];
                if (lemmaSynsets.containsKey(candidate)) {
                    return candidate + end;
                }
            }
        }
        return "";
    }

    private static int[] sortedUnique(int[] ids) {
        if (ids.length < 2) {
            return ids;
        }
        int[] sorted = ids.clone();
        Arrays.sort(sorted);
        int n = 1;
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] != sorted[n - 1]) {
                sorted[n++] = sorted[i];
            }
        }
        return n == sorted.length ? sorted : Arrays.copyOf(sorted, n);
    }

    /** A 64-bit Bloom signature of a set of synset ids (0 for none). */
    static long signature(int[] ids) {
        long bits = 0;
        for (int id : ids) {
            bits |= 1L << ((id * 0x9E3779B9) >>> 26);
        }
        return bits;
    }

    /** True if two sorted id arrays share an element. */
    static boolean intersects(int[] a, int[] b) {
        if (a.length == 0 || b.length == 0 || a[a.length - 1] < b[0] || b[b.length - 1] < a[0]) {
            return false;
        }
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                return true;
            }
            if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return false;
    }

    private static WordNetSynonyms load() {
        Map<String, int[]> synsets = new HashMap<>(200_000);
        forEachLine(SYNSETS_RESOURCE, (key, line, from) -> synsets.put(key, sortedUnique(parseInts(line, from))));
        Map<String, String[]> bases = new HashMap<>(12_000);
        forEachLine(EXCEPTIONS_RESOURCE, (key, line, from) -> bases.put(key, line.substring(from).split(" ")));
        return new WordNetSynonyms(synsets, bases);
    }

    /** Space-separated non-negative decimal ints of {@code line} from {@code from} on. */
    private static int[] parseInts(String line, int from) {
        int count = 1;
        for (int i = from; i < line.length(); i++) {
            if (line.charAt(i) == ' ') {
                count++;
            }
        }
        int[] out = new int[count];
        int n = 0;
        int value = 0;
        for (int i = from; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ') {
                out[n++] = value;
                value = 0;
            } else if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
            } else {
                throw new IllegalStateException(SYNSETS_RESOURCE + ": expected synset offsets, got '" + line + "'");
            }
        }
        out[n] = value;
        return out;
    }

    private interface LineConsumer {
        /** {@code key} is the text before the tab; the values start at {@code line.charAt(from)}. */
        void accept(String key, String line, int from);
    }

    private static void forEachLine(String resource, LineConsumer consumer) {
        try (InputStream raw = WordNetSynonyms.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IllegalStateException("Meteor resource missing from the classpath: "
                        + WordNetSynonyms.class.getPackageName().replace('.', '/') + "/" + resource);
            }
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(new GZIPInputStream(raw, 1 << 16), StandardCharsets.UTF_8), 1 << 16);
            String line;
            int row = 0;
            while ((line = in.readLine()) != null) {
                row++;
                int tab = line.indexOf('\t');
                if (tab <= 0) {
                    throw new IllegalStateException(resource + " row " + row + ": expected 'word<TAB>values', got '" + line + "'");
                }
                consumer.accept(line.substring(0, tab), line, tab + 1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Meteor resource " + resource, e);
        }
    }
}
