package io.github.blip2j.metrics.analysis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the analysis word lists shipped as class-path resources next to this package. */
final class ResourceText {

    private ResourceText() {
    }

    /** The non-blank lines of a resource with {@code #} comments removed, trimmed. */
    static List<String> lines(String name) {
        InputStream in = ResourceText.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing class-path resource " + ResourceText.class.getPackageName()
                    .replace('.', '/') + "/" + name);
        }
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                int hash = line.indexOf('#');
                String content = (hash >= 0 ? line.substring(0, hash) : line).trim();
                if (!content.isEmpty()) {
                    out.add(content);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
        return out;
    }
}
