package io.github.blip2j.examples.report;

import io.github.blip2j.metrics.CaptionMetrics;
import io.github.blip2j.metrics.spice.SpiceProviders;

/**
 * The caption metrics of the CLI. {@link #all()} is the default metric set of {@code blip2 eval}, in
 * the same order (and what {@code blip2 demo} scores with); {@link #report()} adds SPICE for
 * {@code blip2 report}, which scores every metric the library has, so its numbers are the ones
 * {@code blip2 eval --metrics bleu,meteor,rouge,cider,distinct,selfbleu,spice} prints for the same files.
 */
public final class MetricSuite {

    private MetricSuite() {
    }

    /** BLEU-1..4, METEOR, ROUGE-L, CIDEr-D, Distinct-1/2 and Self-BLEU-2..4. */
    public static CaptionMetrics all() {
        return base().build();
    }

    /**
     * {@link #all()} plus SPICE when the blip2-spice module is on the class path (it is in the CLI's
     * distribution; a library user who left it out still gets every other metric).
     */
    public static CaptionMetrics report() {
        CaptionMetrics.Builder b = base();
        if (SpiceProviders.find().isPresent()) {
            b.spice();
        }
        return b.build();
    }

    private static CaptionMetrics.Builder base() {
        return CaptionMetrics.builder().bleu(4).meteor().rougeL().cider().distinct(1, 2).selfBleu(4);
    }
}
