package io.github.blip2j.metrics.meteor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Builds Meteor's synonym resources ({@code wordnet30-synsets.txt.gz},
 * {@code wordnet30-exceptions.txt.gz}) from the WordNet 3.0 database files.
 *
 * <p>Same extraction as Meteor 1.5's synonym files: every lemma of {@code index.sense} with the
 * synset offsets of its senses (offsets only, no part of speech: Meteor treats a noun and a verb
 * synset at the same byte offset as one synset, and so do we), and from the four {@code *.exc}
 * files the base forms of every irregular inflection. Input: a WordNet 3.0 {@code dict}
 * directory (Princeton's release, or {@code net/sf/extjwnl/data/wordnet/wn30/} from the Maven
 * artifact {@code net.sf.extjwnl:extjwnl-data-wn30:1.2}). Debian's {@code wordnet-base} files do
 * NOT work: Debian patched the data files, so their byte offsets (the synset ids) differ.
 *
 * <p>Usage: {@code WordNetSynonymsGenerator <dictDir> <outDir>}. {@code WordNetSynonymsResourceTest}
 * checks that the committed resources equal this generator's output.
 */
public final class WordNetSynonymsGenerator {

    /** Opens one file of a WordNet dict directory by name. */
    @FunctionalInterface
    public interface DictFiles {
        InputStream open(String name) throws IOException;
    }

    private static final String[] EXCEPTION_FILES = {"adj.exc", "adv.exc", "noun.exc", "verb.exc"};

    private WordNetSynonymsGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: WordNetSynonymsGenerator <wordnet-3.0 dict dir> <output dir>");
        }
        Path dict = Path.of(args[0]);
        Path out = Path.of(args[1]);
        DictFiles files = name -> Files.newInputStream(dict.resolve(name));
        writeGzip(out.resolve(WordNetSynonyms.SYNSETS_RESOURCE), synsetsText(files));
        writeGzip(out.resolve(WordNetSynonyms.EXCEPTIONS_RESOURCE), exceptionsText(files));
    }

    /**
     * One line per lemma: {@code lemma TAB offset offset ...} (offsets in {@code index.sense}
     * order), lines sorted by the lemma's UTF-8 bytes so that the loader can binary-search them.
     */
    public static String synsetsText(DictFiles files) throws IOException {
        // Consecutive senses of a lemma form one group; a lemma seen again later replaces its group.
        Map<String, List<String>> groups = new LinkedHashMap<>();
        String current = null;
        List<String> offsets = null;
        for (String line : lines(files, "index.sense")) {
            List<String> fields = MeteorNormalizer.whitespaceTokens(line);
            if (fields.size() < 2) {
                continue;
            }
            String key = fields.get(0);
            String lemma = key.indexOf('%') < 0 ? key : key.substring(0, key.indexOf('%'));
            if (!lemma.equals(current)) {
                current = lemma;
                offsets = new ArrayList<>();
                groups.remove(lemma);
                groups.put(lemma, offsets);
            }
            offsets.add(Integer.toString(Integer.parseInt(fields.get(1))));
        }
        List<String> lemmas = new ArrayList<>(groups.keySet());
        lemmas.sort(WordNetSynonymsGenerator::compareUtf8);
        StringBuilder sb = new StringBuilder();
        for (String lemma : lemmas) {
            sb.append(lemma).append('\t').append(String.join(" ", groups.get(lemma))).append('\n');
        }
        return sb.toString();
    }

    /** Unsigned byte order of the UTF-8 encodings (the order {@link WordNetSynonyms} searches in). */
    static int compareUtf8(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** One line per irregular form: {@code form TAB base base ...}, sorted by form. */
    public static String exceptionsText(DictFiles files) throws IOException {
        Map<String, List<String>> bases = new TreeMap<>();
        for (String file : EXCEPTION_FILES) {
            for (String line : lines(files, file)) {
                List<String> fields = MeteorNormalizer.whitespaceTokens(line);
                for (int i = 1; i < fields.size(); i++) {
                    bases.computeIfAbsent(fields.get(0), k -> new ArrayList<>()).add(fields.get(i));
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        bases.forEach((form, list) -> sb.append(form).append('\t').append(String.join(" ", list)).append('\n'));
        return sb.toString();
    }

    private static List<String> lines(DictFiles files, String name) throws IOException {
        try (InputStream in = files.open(name)) {
            if (in == null) {
                throw new IOException("WordNet dict file not found: " + name);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> out = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(line);
                }
            }
            return out;
        }
    }

    private static void writeGzip(Path target, String text) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw new UncheckedIOException("could not write " + target, e);
        }
    }
}
