package io.github.blip2j.metrics.spice;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What computes SPICE for {@link io.github.blip2j.metrics.CaptionMetrics.Builder#spice()}. SPICE needs a
 * constituency parser (Stanford CoreNLP, GPL v3+, about 400 MB of models), so blip2-metrics does
 * not implement it: the optional module {@code io.github.blip2j:blip2-spice} does, registered for
 * {@link java.util.ServiceLoader} in
 * {@code META-INF/services/io.github.blip2j.metrics.spice.SpiceProvider}. Look it up with
 * {@link SpiceProviders}.
 *
 * <p>Implementations are thread-safe and may keep parsed captions cached between calls.
 */
public interface SpiceProvider {

    /** What computes the scores, for logs and signatures, e.g. "SPICE 1.0 rules on Stanford CoreNLP 3.6.0". */
    String description();

    /**
     * Scores each candidate against the references of its image, as SPICE 1.0 does.
     *
     * @param references image id to its PTB-tokenized, lower-cased reference captions; the
     *     iteration order is the order of the result
     * @param candidates image id to its PTB-tokenized, lower-cased candidate; the same ids as
     *     {@code references}
     * @param threads parsing threads, at least 1
     * @param cacheFile file that keeps parses across runs, or null for none
     * @return image id to its per-category scores, in the order of {@code references}; an image's
     *     SPICE is {@link SpiceImageScore#spice()}
     * @throws IllegalArgumentException if the id sets differ, a caption is null or threads &lt; 1
     */
    Map<String, SpiceImageScore> score(Map<String, List<String>> references, Map<String, String> candidates,
                                       int threads, Path cacheFile);
}
