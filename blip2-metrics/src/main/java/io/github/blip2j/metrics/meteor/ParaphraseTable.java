package io.github.blip2j.metrics.meteor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Meteor's paraphrase table: phrase -> paraphrases, read from Meteor's {@code paraphrase-en.gz}
 * format (gzip text, three lines per entry: a probability that Meteor ignores, the phrase, the
 * paraphrase; words separated by whitespace).
 *
 * <p>Phrases are stored in a trie over word ids so that every phrase starting at a position of a
 * sentence is found in one walk. Entries keep file order, which decides the order of candidate
 * matches and so, on ties, the alignment Meteor picks. Entries with an empty phrase or
 * paraphrase are skipped (Meteor never uses the first kind and hangs on the second).
 * Immutable after loading; thread-safe.
 */
final class ParaphraseTable {

    /** A table without entries (Meteor run with an empty {@code paraphrase-en.gz}). */
    static final ParaphraseTable EMPTY = new ParaphraseTable();

    private final Map<String, Integer> vocabulary = new HashMap<>();
    /** Trie edges: (node << 32 | word id) -> child node. Node 0 is the root. */
    private final LongIntMap edges = new LongIntMap();
    private int nodeCount = 1;
    /** Per node: first and last entry ending there (-1 if none); per entry: the next one at the same node. */
    private int[] firstEntry = {-1};
    private int[] lastEntry = {-1};
    private int[] nextEntry = new int[16];
    /** Paraphrase words of entry e: words[offsets[e] .. offsets[e + 1]). */
    private int[] offsets = new int[17];
    private int[] words = new int[64];
    private int entryCount;

    private ParaphraseTable() {
    }

    /** Reads a table in Meteor's gzip format. */
    static ParaphraseTable read(Path file) {
        ParaphraseTable table = new ParaphraseTable();
        try (InputStream raw = Files.newInputStream(file)) {
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(new GZIPInputStream(raw, 1 << 16), StandardCharsets.UTF_8), 1 << 16);
            long row = 0;
            while (in.readLine() != null) {
                String phrase = in.readLine();
                String paraphrase = in.readLine();
                row += 3;
                if (phrase == null || paraphrase == null) {
                    throw new IllegalArgumentException("paraphrase table " + file + ": entry ending at line " + row
                            + " is incomplete; expected three lines (probability, phrase, paraphrase)");
                }
                table.add(MeteorNormalizer.whitespaceTokens(phrase), MeteorNormalizer.whitespaceTokens(paraphrase));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read paraphrase table " + file
                    + " (expected Meteor's gzip format, e.g. paraphrase-en.gz)", e);
        }
        return table;
    }

    /** Builds a table from (phrase, paraphrase) pairs, in order. */
    static ParaphraseTable of(List<String[]> pairs) {
        ParaphraseTable table = new ParaphraseTable();
        for (String[] pair : pairs) {
            table.add(MeteorNormalizer.whitespaceTokens(pair[0]), MeteorNormalizer.whitespaceTokens(pair[1]));
        }
        return table;
    }

    boolean isEmpty() {
        return entryCount == 0;
    }

    int size() {
        return entryCount;
    }

    /** Vocabulary id of a word, -1 if the table never mentions it. */
    int wordId(String word) {
        Integer id = vocabulary.get(word);
        return id == null ? -1 : id;
    }

    /**
     * Entries whose phrase occurs in {@code ids} starting at {@code start}, shortest phrase first,
     * file order within a length: pairs {@code [phraseLength, entry, phraseLength, entry, ...]}.
     */
    int[] phrasesAt(int[] ids, int start) {
        int[] out = null;
        int n = 0;
        int node = 0;
        for (int i = start; i < ids.length; i++) {
            node = ids[i] < 0 ? -1 : edges.get(((long) node << 32) | ids[i]);
            if (node < 0) {
                break;
            }
            for (int e = firstEntry[node]; e >= 0; e = nextEntry[e]) {
                if (out == null) {
                    out = new int[8];
                } else if (n + 2 > out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                out[n++] = i - start + 1;
                out[n++] = e;
            }
        }
        return out == null ? new int[0] : Arrays.copyOf(out, n);
    }

    /** Word ids of the paraphrase of {@code entry}. */
    int[] paraphrase(int entry) {
        return Arrays.copyOfRange(words, offsets[entry], offsets[entry + 1]);
    }

    private void add(List<String> phrase, List<String> paraphrase) {
        if (phrase.isEmpty() || paraphrase.isEmpty()) {
            // Meteor would never report an empty phrase, and an empty paraphrase makes it loop forever.
            return;
        }
        int node = 0;
        for (String w : phrase) {
            long key = ((long) node << 32) | id(w);
            int child = edges.get(key);
            if (child < 0) {
                child = nodeCount++;
                edges.put(key, child);
                if (child >= firstEntry.length) {
                    firstEntry = grow(firstEntry, -1);
                    lastEntry = grow(lastEntry, -1);
                }
            }
            node = child;
        }
        int e = entryCount++;
        if (e >= nextEntry.length) {
            nextEntry = Arrays.copyOf(nextEntry, nextEntry.length * 2);
            offsets = Arrays.copyOf(offsets, nextEntry.length + 1);
        }
        nextEntry[e] = -1;
        if (firstEntry[node] < 0) {
            firstEntry[node] = e;
        } else {
            nextEntry[lastEntry[node]] = e;
        }
        lastEntry[node] = e;
        int from = offsets[e];
        if (from + paraphrase.size() > words.length) {
            words = Arrays.copyOf(words, Math.max(words.length * 2, from + paraphrase.size()));
        }
        for (String w : paraphrase) {
            words[from++] = id(w);
        }
        offsets[e + 1] = from;
    }

    private int id(String word) {
        return vocabulary.computeIfAbsent(word, k -> vocabulary.size());
    }

    private static int[] grow(int[] a, int fill) {
        int[] b = Arrays.copyOf(a, a.length * 2);
        Arrays.fill(b, a.length, b.length, fill);
        return b;
    }

    /** Open-addressing long -> int map (values >= 0; -1 means absent); compact for big tables. */
    private static final class LongIntMap {
        private long[] keys = new long[16];
        private int[] values = new int[16];
        private int size;

        LongIntMap() {
            Arrays.fill(values, -1);
        }

        int get(long key) {
            int mask = keys.length - 1;
            for (int i = slot(key, mask); ; i = (i + 1) & mask) {
                if (values[i] < 0) {
                    return -1;
                }
                if (keys[i] == key) {
                    return values[i];
                }
            }
        }

        void put(long key, int value) {
            if ((size + 1) * 2 > keys.length) {
                rehash();
            }
            int mask = keys.length - 1;
            int i = slot(key, mask);
            while (values[i] >= 0 && keys[i] != key) {
                i = (i + 1) & mask;
            }
            if (values[i] < 0) {
                size++;
            }
            keys[i] = key;
            values[i] = value;
        }

        private void rehash() {
            long[] oldKeys = keys;
            int[] oldValues = values;
            keys = new long[oldKeys.length * 2];
            values = new int[oldKeys.length * 2];
            Arrays.fill(values, -1);
            size = 0;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldValues[i] >= 0) {
                    put(oldKeys[i], oldValues[i]);
                }
            }
        }

        private static int slot(long key, int mask) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32)) & mask;
        }
    }
}
