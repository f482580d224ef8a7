package io.github.blip2j.examples.eval;

import io.github.blip2j.metrics.MetricReport;
import java.util.Locale;
import java.util.Map;

/** The human-readable form of a {@link MetricReport}: one row per metric. */
final class ReportTable {

    private ReportTable() {
    }

    static String render(MetricReport report) {
        int width = "metric".length();
        for (String name : report.corpus().keySet()) {
            width = Math.max(width, name.length());
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Caption metrics over %d images (pycocoevalcap-compatible)%n%n", report.perImage().size()));
        out.append(String.format(Locale.ROOT, "%-" + width + "s  %10s  %s%n", "metric", "score", "signature"));
        for (Map.Entry<String, Double> e : report.corpus().entrySet()) {
            out.append(String.format(Locale.ROOT, "%-" + width + "s  %10.6f  %s%n", e.getKey(), e.getValue(),
                    report.signatures().get(e.getKey())));
        }
        return out.toString();
    }
}
