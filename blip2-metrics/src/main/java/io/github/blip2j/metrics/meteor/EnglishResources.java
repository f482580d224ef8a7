package io.github.blip2j.metrics.meteor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringTokenizer;

/** Loads Meteor's small English word lists bundled next to this class (see METEOR.md for their origin). */
final class EnglishResources {

    private EnglishResources() {
    }

    /** The tokens Meteor 1.5 weights as function words (delta), one per line of the resource. */
    static Set<String> functionWords() {
        return Set.copyOf(lines("english-function-words.txt"));
    }

    /** Non-breaking prefix -> true if it is non-breaking only before a number. */
    static Map<String, Boolean> nonBreakingPrefixes() {
        Map<String, Boolean> prefixes = new HashMap<>();
        for (String line : lines("english-nonbreaking-prefixes.txt")) {
            StringTokenizer tok = new StringTokenizer(line);
            if (!tok.hasMoreTokens()) {
                continue;
            }
            String prefix = tok.nextToken();
            if (prefix.startsWith("#")) {
                continue;
            }
            prefixes.put(prefix, tok.hasMoreTokens() && tok.nextToken().equals("#NUMERIC_ONLY#"));
        }
        return prefixes;
    }

    private static List<String> lines(String resource) {
        try (InputStream in = EnglishResources.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Meteor resource missing from the classpath: "
                        + EnglishResources.class.getPackageName().replace('.', '/') + "/" + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> out = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                out.add(line);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Meteor resource " + resource, e);
        }
    }
}
