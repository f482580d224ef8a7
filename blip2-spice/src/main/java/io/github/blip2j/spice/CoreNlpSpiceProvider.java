package io.github.blip2j.spice;

import io.github.blip2j.metrics.spice.SpiceCategoryScore;
import io.github.blip2j.metrics.spice.SpiceImageScore;
import io.github.blip2j.metrics.spice.SpiceProvider;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This module's implementation of blip2-metrics' {@link SpiceProvider} (what
 * {@code CaptionMetrics.builder().spice()} finds through {@link java.util.ServiceLoader}).
 * Scorers, and so their parse caches, are kept per thread count and cache file for the life of the
 * JVM, so repeated evaluations reuse earlier parses.
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
    public Map<String, SpiceImageScore> score(Map<String, List<String>> references, Map<String, String> candidates,
                                              int threads, Path cacheFile) {
        SpiceResult result = scorer(threads, cacheFile).score(references, candidates);
        Map<String, SpiceImageScore> out = new LinkedHashMap<>();
        result.perImage().forEach((id, image) -> out.put(id, toMetrics(image)));
        return out;
    }

    /**
     * The JVM-wide scorer for a thread count and cache file (parses are shared by every caller
     * with the same settings).
     *
     * @throws IllegalArgumentException if {@code threads} is not in [1, 256]
     */
    static Spice scorer(int threads, Path cacheFile) {
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("threads must be in [1, 256], got " + threads);
        }
        Key key = new Key(threads, cacheFile == null ? null : cacheFile.toAbsolutePath().normalize());
        return SCORERS.computeIfAbsent(key, k -> Spice.builder().threads(k.threads()).cacheFile(k.cacheFile()).build());
    }

    /* This module's result in blip2-metrics' types (same categories, same numbers). */
    static SpiceImageScore toMetrics(ImageScore image) {
        Objects.requireNonNull(image, "image");
        Map<io.github.blip2j.metrics.spice.SpiceCategory, SpiceCategoryScore> categories =
            new EnumMap<>(io.github.blip2j.metrics.spice.SpiceCategory.class);
        for (SpiceCategory c : SpiceCategory.values()) {
            CategoryScore s = image.get(c);
            categories.put(io.github.blip2j.metrics.spice.SpiceCategory.valueOf(c.name()), new SpiceCategoryScore(
                s.truePositives(), s.falsePositives(), s.falseNegatives(), s.precision(), s.recall(), s.f()));
        }
        return new SpiceImageScore(categories);
    }
}
