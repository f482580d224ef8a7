package io.github.blip2j.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads {@code Flickr8k.token.txt} (and {@code Flickr8k.lemma.token.txt}): one caption per line,
 * {@code 1000268201_693b08cb0e.jpg#0<TAB>A child in a pink dress ...}. Blank lines are ignored.
 * The real file lists five captions for {@code 2258277193_586949ec62.jpg.1}, an image the image
 * folder does not have: with the default policy that is reported as a missing image.
 */
final class Flickr8kReader {

    private Flickr8kReader() {
    }

    static CaptionDataset read(Path tokenFile, Path imageDir, ReadOptions options) {
        RecordCollector c = new RecordCollector(tokenFile, imageDir, options);
        try (BufferedReader r = Files.newBufferedReader(tokenFile, StandardCharsets.UTF_8)) {
            String line;
            long n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (n == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                parse(c, n, line);
            }
        } catch (IOException e) {
            throw IoErrors.reading("Flickr8k token file", tokenFile, e);
        }
        return c.finish("Flickr8k token file");
    }

    private static void parse(RecordCollector c, long n, String line) {
        int tab = line.indexOf('\t');
        if (tab < 0) {
            c.malformed(n, "expected 'image.jpg#n<TAB>caption', found no tab in: " + IoErrors.excerpt(line));
            return;
        }
        String key = line.substring(0, tab).trim();
        int hash = key.lastIndexOf('#');
        if (hash <= 0) {
            c.malformed(n, "expected 'image.jpg#n' before the tab, got '" + IoErrors.excerpt(key) + "'");
            return;
        }
        String index = key.substring(hash + 1);
        if (!index.matches("[0-9]{1,3}")) {
            c.malformed(n, "caption number after '#' must be a small integer, got '" + IoErrors.excerpt(index) + "'");
            return;
        }
        String image = key.substring(0, hash);
        c.add(n, image, image, line.substring(tab + 1), null);
    }
}
