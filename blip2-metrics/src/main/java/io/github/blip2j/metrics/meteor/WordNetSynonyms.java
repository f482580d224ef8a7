package io.github.blip2j.metrics.meteor;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
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
 * <p>Loaded once per JVM from the bundled resources (see {@code WordNetSynonymsGenerator} for how
 * they were made and {@code WORDNET-LICENSE.txt} for the licence). The 147,306 lemma lines stay
 * one decompressed byte array, sorted by lemma, and are binary-searched: loading creates no
 * per-lemma objects, which keeps a cold start short. Immutable and thread-safe.
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

    /** {@code lemma TAB id id ... LF} lines, sorted by the lemma's UTF-8 bytes. */
    private final byte[] lines;
    private final int[] lineStarts;
    private final Map<String, String[]> exceptionBases;

    private WordNetSynonyms(byte[] lines, int[] lineStarts, Map<String, String[]> exceptionBases) {
        this.lines = lines;
        this.lineStarts = lineStarts;
        this.exceptionBases = exceptionBases;
    }

    /** The bundled English WordNet 3.0 data (loaded on first use). */
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
        int[] own = lemmaSynsets(word);
        int[] base = baseFormSynsets(word);
        if (base.length == 0) {
            return own;
        }
        int[] all = Arrays.copyOf(own, own.length + base.length);
        System.arraycopy(base, 0, all, own.length, base.length);
        return sortedUnique(all);
    }

    /** Synsets of {@code lemma} itself (sorted), empty if WordNet does not list it. */
    int[] lemmaSynsets(String lemma) {
        int line = find(lemma);
        return line < 0 ? NONE : parseIds(line);
    }

    private int[] baseFormSynsets(String word) {
        String[] bases = exceptionBases.get(word);
        if (bases == null) {
            return lemmaSynsets(baseForm(word));
        }
        int[] all = NONE;
        for (String base : bases) {
            int[] ids = lemmaSynsets(base);
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
                if (find(candidate) >= 0) {
                    return candidate + end;
                }
            }
        }
        return "";
    }

    /** Index of the line of {@code lemma}, or -1. */
    private int find(String lemma) {
        if (lemma.isEmpty()) {
            return -1;
        }
        byte[] key = lemma.getBytes(StandardCharsets.UTF_8);
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = compareLemma(lineStarts[mid], key);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** Compares the lemma of the line at {@code start} (up to its tab) with {@code key}, unsigned bytes. */
    private int compareLemma(int start, byte[] key) {
        for (int k = 0; ; k++) {
            int b = lines[start + k] & 0xFF;
            boolean lineEnded = b == '\t';
            if (k == key.length) {
                return lineEnded ? 0 : 1;
            }
            if (lineEnded) {
                return -1;
            }
            int d = b - (key[k] & 0xFF);
            if (d != 0) {
                return d;
            }
        }
    }

    private int[] parseIds(int line) {
        int i = lineStarts[line];
        while (lines[i] != '\t') {
            i++;
        }
        int count = 1;
        int end = i + 1;
        while (lines[end] != '\n') {
            if (lines[end] == ' ') {
                count++;
            }
            end++;
        }
        int[] ids = new int[count];
        int n = 0;
        int value = 0;
        for (int k = i + 1; k < end; k++) {
            byte b = lines[k];
            if (b == ' ') {
                ids[n++] = value;
                value = 0;
            } else {
                value = value * 10 + (b - '0');
            }
        }
        ids[n] = value;
        return sortedUnique(ids);
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
        byte[] lines = gunzip(SYNSETS_RESOURCE);
        int count = 0;
        for (byte b : lines) {
            if (b == '\n') {
                count++;
            }
        }
        int[] starts = new int[count];
        int line = 0;
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i] == '\n') {
                if (i == start || indexOfTab(lines, start, i) < 0) {
                    throw new IllegalStateException(SYNSETS_RESOURCE + " row " + (line + 1) + ": expected 'lemma<TAB>offsets'");
                }
                starts[line++] = start;
                start = i + 1;
            }
        }
        if (start != lines.length) {
            throw new IllegalStateException(SYNSETS_RESOURCE + ": last row is not terminated by a newline");
        }
        return new WordNetSynonyms(lines, starts, loadExceptions());
    }

    private static int indexOfTab(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\t') {
                return i;
            }
        }
        return -1;
    }

    private static Map<String, String[]> loadExceptions() {
        Map<String, String[]> bases = new HashMap<>(12_000);
        BufferedReader in = new BufferedReader(new InputStreamReader(
                new ByteArrayInputStream(gunzip(EXCEPTIONS_RESOURCE)), StandardCharsets.UTF_8));
        try {
            String line;
            int row = 0;
            while ((line = in.readLine()) != null) {
                row++;
                int tab = line.indexOf('\t');
                if (tab <= 0) {
                    throw new IllegalStateException(EXCEPTIONS_RESOURCE + " row " + row + ": expected 'form<TAB>bases', got '" + line + "'");
                }
                bases.put(line.substring(0, tab), line.substring(tab + 1).split(" "));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Meteor resource " + EXCEPTIONS_RESOURCE, e);
        }
        return bases;
    }

    private static byte[] gunzip(String resource) {
        try (InputStream raw = WordNetSynonyms.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IllegalStateException("Meteor resource missing from the classpath: "
                        + WordNetSynonyms.class.getPackageName().replace('.', '/') + "/" + resource);
            }
            return new GZIPInputStream(raw, 1 << 16).readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Meteor resource " + resource, e);
        }
    }
}
