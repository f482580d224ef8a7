package io.github.blip2j.spice;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * On-disk form of the parse cache: caption text to its propositions, gzip-compressed. The header
 * names the parser and rule version; a file written by another version is ignored, not misread.
 */
final class ParseCacheFile {

    /** Bump when the parser, its settings or {@link SceneGraphRules} change what a caption yields. */
    static final String FORMAT = "blip2-spice parse cache 1; corenlp 3.6.0 englishPCFG; spice 1.0 rules";

    private ParseCacheFile() {
    }

    /** Reads a cache file; an absent file or one of another version gives an empty map. */
    static Map<String, List<Proposition>> read(Path file) {
        Map<String, List<Proposition>> out = new HashMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
            new GZIPInputStream(Files.newInputStream(file), 1 << 16)))) {
            if (!FORMAT.equals(readString(in))) {
                return out;
            }
            int entries = in.readInt();
            for (int e = 0; e < entries; e++) {
                String caption = readString(in);
                int count = in.readInt();
                List<Proposition> props = new ArrayList<>(count);
                for (int p = 0; p < count; p++) {
                    int arity = in.readByte();
                    List<String> terms = new ArrayList<>(arity);
                    for (int t = 0; t < arity; t++) {
                        terms.add(readString(in));
                    }
                    props.add(new Proposition(terms));
                }
                out.put(caption, List.copyOf(props));
            }
            return out;
        } catch (EOFException | IllegalArgumentException e) {
            throw new IllegalStateException("SPICE parse cache " + file + " is truncated or corrupt; delete it", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read SPICE parse cache " + file, e);
        }
    }

    /** Writes the whole cache to a temporary file beside {@code file}, then renames it over {@code file}. */
    static void write(Path file, Map<String, List<Proposition>> cache) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try {
                try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                    new GZIPOutputStream(Files.newOutputStream(tmp), 1 << 16)))) {
                    writeString(out, FORMAT);
                    out.writeInt(cache.size());
                    for (Map.Entry<String, List<Proposition>> e : cache.entrySet()) {
                        writeString(out, e.getKey());
                        out.writeInt(e.getValue().size());
                        for (Proposition p : e.getValue()) {
                            out.writeByte(p.arity());
                            for (String term : p.terms()) {
                                writeString(out, term);
                            }
                        }
                    }
                }
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write SPICE parse cache " + file, e);
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > (1 << 24)) {
            throw new IllegalArgumentException("string length " + n);
        }
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
