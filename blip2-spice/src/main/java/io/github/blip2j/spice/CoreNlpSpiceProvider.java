package io.github.blip2j.spice;

import io.github.blip2j.metrics.spice.SpiceImageScore;
import io.github.blip2j.metrics.spice.SpiceProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
        return scorer(threads, cacheFile).score(references, candidates).perImage();
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
}
