package io.github.blip2j.examples.report;

import io.github.blip2j.metrics.CaptionMetrics;

/**
 * Every caption metric the library offers, as one {@link CaptionMetrics}: what {@code blip2 demo}
 * and {@code blip2 report} score with, so their tables name the same metrics.
 */
public final class MetricSuite {

    private MetricSuite() {
    }

    /** BLEU-1..4, ROUGE-L, CIDEr-D, Distinct-1/2 and Self-BLEU-2..4. */
    public static CaptionMetrics all() {
        return CaptionMetrics.builder().bleu(4).rougeL().cider().distinct(1, 2).selfBleu(4).build();
    }
}
