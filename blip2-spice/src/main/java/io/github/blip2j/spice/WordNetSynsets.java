package io.github.blip2j.spice;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * WordNet 3.0 synset ids of English words, looked up the way METEOR 1.5's synonym module does
 * (SPICE 1.0 borrows that module to decide whether two concepts are synonyms).
 *
 * <p>METEOR's tables ({@code english.synsets}, {@code english.exceptions}) are plain projections of
 * the WordNet 3.0 database: every lemma of {@code index.noun/verb/adj/adv} mapped to the union of
 * its synset offsets over all parts of speech (offsets are not made unique per part of speech, so
 * a noun and a verb synset with the same offset count as one), and every inflected form of the
 * {@code *.exc} files mapped to its base forms. We rebuild those tables from the WordNet 3.0 files
 * shipped in {@code net.sf.extjwnl:extjwnl-data-wn30} (checked to be identical, entry for entry).
 */
final class WordNetSynsets {

    private static final String DATA_DIR = "net/sf/extjwnl/data/wordnet/wn30/";
    private static final String[] PARTS_OF_SPEECH = {"noun", "verb", "adj", "adv"};
    private static final int[] NONE = new int[0];

    /*
     * METEOR's detachment rules (WordNet's morphy suffix table, all parts of speech in one list):
     * a word ending in SUFFIXES[i] may be the base form word - SUFFIXES[i] + ENDINGS[i].
     */
    private static final String[] SUFFIXES = {
        "s", "ses", "xes", "zes", "ches", "shes", "men", "ies",
        "s", "ies", "es", "es", "ed", "ed", "ing", "ing",
        "er", "est", "er", "est"};
    private static final String[] ENDINGS = {
        "", "s", "x", "z", "ch", "sh", "man", "y",
        "", "y", "e", "", "e", "", "e", "",
        "", "", "e", "e"};

    private static volatile WordNetSynsets instance;

    private final Map<String, int[]> synsetsByLemma;
    private final Map<String, List<String>> basesByForm;

    private WordNetSynsets(Map<String, int[]> synsetsByLemma, Map<String, List<String>> basesByForm) {
        this.synsetsByLemma = synsetsByLemma;
        this.basesByForm = basesByForm;
    }

    /** The tables, read once per JVM from the WordNet 3.0 data artifact on the class path. */
    static WordNetSynsets shared() {
        WordNetSynsets local = instance;
        if (local == null) {
            synchronized (WordNetSynsets.class) {
                local = instance;
                if (local == null) {
                    local = load(WordNetSynsets.class.getClassLoader());
                    instance = local;
                }
            }
        }
        return local;
    }

    static WordNetSynsets load(ClassLoader loader) {
        Map<String, TreeSet<Integer>> synsets = new HashMap<>(1 << 18);
        Map<String, List<String>> bases = new HashMap<>(1 << 13);
        for (String pos : PARTS_OF_SPEECH) {
            readIndex(loader, DATA_DIR + "index." + pos, synsets);
            readExceptions(loader, DATA_DIR + pos + ".exc", bases);
        }
        Map<String, int[]> frozen = new HashMap<>(synsets.size() * 2);
        synsets.forEach((lemma, ids) -> frozen.put(lemma, ids.stream().mapToInt(Integer::intValue).toArray()));
        return new WordNetSynsets(frozen, bases);
    }

    /**
     * Synset ids of a concept (a word or a multi-word phrase): the ids of the phrase itself plus
     * those of its base form, as SPICE's {@code SceneGraph.getSynSets} computes them.
     *
     * @return sorted, distinct ids; empty when WordNet does not know the phrase
     */
    int[] synsetsOf(String concept) {
        String key = concept.trim().toLowerCase(Locale.ROOT).replace(" ", "_");
        int[] direct = synsetsByLemma.getOrDefault(key, NONE);
        int[] stem = stemSynsets(key);
        return union(direct, stem);
    }

    /* METEOR's getStemSynSets: exception-list bases if the form is listed, else morphy-style detachment. */
    private int[] stemSynsets(String word) {
        List<String> exceptionBases = basesByForm.get(word);
        if (exceptionBases != null) {
            int[] result = NONE;
            for (String base : exceptionBases) {
                result = union(result, synsetsByLemma.getOrDefault(base, NONE));
            }
            return result;
        }
        return synsetsByLemma.getOrDefault(baseForm(word), NONE);
    }

    /*
     * The first detachment whose result is a WordNet lemma; the word itself when it ends in "ss" or
     * has at most two characters; "" (no synsets) otherwise. METEOR's "-ful" handling never fires
     * (no suffix in the table ends a "-ful" word), so it is left out.
     */
    private String baseForm(String word) {
        if (word.endsWith("ss") || word.length() <= 2) {
            return word;
        }
        for (int i = 0; i < SUFFIXES.length; i++) {
            if (word.endsWith(SUFFIXES[i])) {
                String candidate = word.substring(0, word.length() - SUFFIXES[i].length()) + ENDINGS[i];
                if (synsetsByLemma.containsKey(candidate)) {
                    return candidate;
                }
            }
        }
        return "";
    }

    static int[] union(int[] a, int[] b) {
        if (b.length == 0) {
            return a;
        }
        if (a.length == 0) {
            return b;
        }
        int[] out = new int[a.length + b.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length && j < b.length) {
            if (a[i] < b[j]) {
                out[n++] = a[i++];
            } else if (a[i] > b[j]) {
                out[n++] = b[j++];
            } else {
                out[n++] = a[i++];
                j++;
            }
        }
        while (i < a.length) {
            out[n++] = a[i++];
        }
        while (j < b.length) {
            out[n++] = b[j++];
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /* index.* line: lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset... */
    private static void readIndex(ClassLoader loader, String resource, Map<String, TreeSet<Integer>> into) {
        try (BufferedReader in = open(loader, resource)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isEmpty() || line.charAt(0) == ' ') {
                    continue; // licence header
                }
                String[] f = line.split(" ");
                try {
                    int synsetCount = Integer.parseInt(f[2]);
                    int pointerCount = Integer.parseInt(f[3]);
                    int first = 4 + pointerCount + 2;
                    TreeSet<Integer> ids = into.computeIfAbsent(f[0], k -> new TreeSet<>());
                    for (int k = 0; k < synsetCount; k++) {
                        ids.add(Integer.parseInt(f[first + k]));
                    }
                } catch (RuntimeException e) {
                    throw new IllegalStateException(resource + " line " + lineNo
                        + ": expected a WordNet index entry, got '" + line + "'", e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read WordNet resource " + resource, e);
        }
    }

    /* *.exc line: inflected_form base_form... */
    private static void readExceptions(ClassLoader loader, String resource, Map<String, List<String>> into) {
        try (BufferedReader in = open(loader, resource)) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] f = line.trim().split(" ");
                for (int k = 1; k < f.length; k++) {
                    List<String> bases = into.computeIfAbsent(f[0], x -> new ArrayList<>(1));
                    if (!bases.contains(f[k])) {
                        bases.add(f[k]);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read WordNet resource " + resource, e);
        }
    }

    private static BufferedReader open(ClassLoader loader, String resource) {
        InputStream stream = loader.getResourceAsStream(resource);
        if (stream == null) {
            throw new IllegalStateException("WordNet 3.0 resource " + resource + " not on the class path: "
                + "add net.sf.extjwnl:extjwnl-data-wn30 (blip2-spice depends on it)");
        }
        return new BufferedReader(new InputStreamReader(stream, StandardCharsets.ISO_8859_1), 1 << 16);
    }
}
