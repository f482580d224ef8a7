package io.github.blip2j.spice.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Service interface through which a metrics library can compute SPICE without a compile-time
 * dependency on its (GPL, 400 MB) parser: implementations are found with
 * {@link java.util.ServiceLoader} and registered in
 * {@code META-INF/services/io.github.blip2j.spice.spi.SpiceProvider}. Only JDK types cross it, so
 * the interface can live in the library that consumes it.
 *
 * <p>Implementations are thread-safe and keep parsed captions cached between calls.
 */
public interface SpiceProvider {

    /** What computes the scores, for logs and reports, e.g. "SPICE 1.0 rules on Stanford CoreNLP 3.6.0". */
    String description();

    /**
     * Scores each candidate against the references of its image, as SPICE 1.0 does.
     *
     * @param references image id to its PTB-tokenized, lower-cased reference captions; the
     *     iteration order is the order of the result
     * @param candidates image id to its PTB-tokenized, lower-cased candidate; same keys as
     *     {@code references}
     * @param threads parsing threads, or 0 for all available processors
     * @param cacheFile file that keeps parses across runs, or null for none
     * @return per image id, SPICE's {@code SPICE_detail}: category ("All", "Object", "Attribute",
     *     "Relation", "Cardinality", "Color", "Size") to field ("pr", "re", "f", "tp", "fp", "fn",
     *     "numImages") to value; NaN where SPICE writes null. An image's SPICE score is
     *     {@code get(id).get("All").get("f")}; the corpus score is the mean of those.
     * @throws IllegalArgumentException if the key sets differ, a caption is null or threads &lt; 0
     */
    Map<String, Map<String, Map<String, Double>>> score(Map<String, List<String>> references,
                                                       Map<String, String> candidates,
                                                       int threads, Path cacheFile);
}
