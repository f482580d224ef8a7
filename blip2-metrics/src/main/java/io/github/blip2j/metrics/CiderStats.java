package io.github.blip2j.metrics;

/**
 * CIDEr-D statistics of one image: the n-gram counts (orders 1..4) of its candidate and of each
 * reference. Document frequencies, which need every image, are applied in {@link Cider#reduce}.
 */
public final class CiderStats {

    final NGramCounts[] candidate;
    final NGramCounts[][] references;

    CiderStats(NGramCounts[] candidate, NGramCounts[][] references) {
        this.candidate = candidate;
        this.references = references;
    }

    public int referenceCount() {
        return references.length;
    }
}
