package io.github.blip2j.examples.report;

import io.github.blip2j.metrics.CaptionMetrics;

/**
 * Every caption metric the library offers, as one {@link CaptionMetrics}: what {@code blip2 demo}
 * and {@code blip2 report} score with. It is the default metric set of {@code blip2 eval}, in the
 * same order, so the report's numbers are the ones {@code blip2 eval} prints for the same files.
 * (SPICE lives in the optional blip2-spice module and is not part of it.)
 */
public final class MetricSuite {

    private MetricSuite() {
    }

    /** BLEU-1..4, METEOR, ROUGE-L, CIDEr-D, Distinct-1/2 and Self-BLEU-2..4. */
    public static CaptionMetrics all() {
        return CaptionMetrics.builder().bleu(4).meteor().rougeL().cider().distinct(1, 2).selfBleu(4).build();
    }
}
