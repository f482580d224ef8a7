package io.github.blip2j.spice;

import io.github.blip2j.spice.spi.SpiceProvider;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link SpiceProvider} of this module, registered for {@link java.util.ServiceLoader}.
 * Scorers (and so their parse caches) are kept per thread count and cache file for the life of
 * the JVM, so repeated evaluations reuse earlier parses.
 */
public final class CoreNlpSpiceProvider implements SpiceProvider {

    private record Key(int threads, Path cacheFile) {
    }

    private static final Map<Key, Spice> SCORERS = new ConcurrentHashMap<>();

    /** Public no-argument constructor, as {@link java.util.ServiceLoader} requires. */
    public CoreNlpSpiceProvider() {
    }

    @Override
    public String description() {
        return "SPICE 1.0 rules on Stanford CoreNLP 3.6.0 (englishPCFG), WordNet 3.0 synonyms";
    }

    @Override
    public Map<String, Map<String, Map<String, Double>>> score(Map<String, List<String>> references,
                                                              Map<String, String> candidates,
                                                              int threads, Path cacheFile) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0 = all processors), got " + threads);
        }
        int n = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        Key key = new Key(n, cacheFile == null ? null : cacheFile.toAbsolutePath().normalize());
        Spice spice = SCORERS.computeIfAbsent(key, k -> Spice.builder().threads(k.threads()).cacheFile(k.cacheFile()).build());
        SpiceResult result = spice.score(references, candidates);
        Map<String, Map<String, Map<String, Double>>> out = new LinkedHashMap<>();
        result.perImage().forEach((id, image) -> out.put(id, detail(image)));
        return out;
    }

    /* One image in SPICE's JSON layout. */
    static Map<String, Map<String, Double>> detail(ImageScore image) {
        Objects.requireNonNull(image, "image");
        Map<String, Map<String, Double>> categories = new LinkedHashMap<>();
        for (SpiceCategory c : SpiceCategory.values()) {
            CategoryScore s = image.get(c);
            Map<String, Double> fields = new LinkedHashMap<>();
            fields.put("pr", s.precision());
            fields.put("re", s.recall());
            fields.put("f", s.f());
            fields.put("tp", (double) s.truePositives());
            fields.put("fp", (double) s.falsePositives());
            fields.put("fn", (double) s.falseNegatives());
            fields.put("numImages", 1.0);
            categories.put(c.jsonName(), Collections.unmodifiableMap(fields));
        }
        return Collections.unmodifiableMap(categories);
    }
}
