package io.github.blip2j.metrics.ptb;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The named classes of the grammar, read from {@code unicode-6.2-classes.txt}. {@code [:letter:]}
 * and {@code [:digit:]} are those of the reference lexer, whose tables were generated on Java 8:
 * letters added to Unicode since 6.2 are untokenizable there, and taking them from the running JDK
 * would make the output depend on its version. {@code [:uppercase:]} only decides between two
 * rules whose filtered output is the same.
 */
final class UnicodeClasses {

    static final String RESOURCE = "unicode-6.2-classes.txt";

    private final Map<String, CharSet> classes = new HashMap<>();

    UnicodeClasses() {
        try (InputStream in = UnicodeClasses.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                CharSet set = classes.getOrDefault(cols[0], CharSet.EMPTY);
                for (String range : cols[1].split(" ")) {
                    int dash = range.indexOf('-');
                    int lo = Integer.parseInt(dash < 0 ? range : range.substring(0, dash), 16);
                    int hi = dash < 0 ? lo : Integer.parseInt(range.substring(dash + 1), 16);
                    set = set.union(CharSet.range(lo, hi));
                }
                classes.put(cols[0], set);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    CharSet named(String name) {
        CharSet set = classes.get(name);
        if (set == null) {
            throw new IllegalStateException("unknown class [:" + name + ":]");
        }
        return set;
    }
}
