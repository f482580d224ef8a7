package io.github.blip2j.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result of {@link CaptionMetrics#evaluate}: corpus scores, per-image scores (in evaluation
 * order) and a signature per metric, all keyed by pycocoevalcap's metric names ({@code Bleu_1},
 * {@code ROUGE_L}, {@code CIDEr}, ...). Immutable.
 */
public final class MetricReport {

    private final Map<String, Double> corpus;
    private final Map<String, Map<String, Double>> perImage;
    private final Map<String, String> signatures;
    private final Map<String, Map<String, ImageDetail>> details;

    MetricReport(Map<String, Double> corpus, Map<String, Map<String, Double>> perImage, Map<String, String> signatures,
            Map<String, Map<String, ImageDetail>> details) {
        this.corpus = Collections.unmodifiableMap(new LinkedHashMap<>(corpus));
        Map<String, Map<String, Double>> p = new LinkedHashMap<>();
        perImage.forEach((id, scores) -> p.put(id, Collections.unmodifiableMap(new LinkedHashMap<>(scores))));
        this.perImage = Collections.unmodifiableMap(p);
        this.signatures = Collections.unmodifiableMap(new LinkedHashMap<>(signatures));
        Map<String, Map<String, ImageDetail>> d = new LinkedHashMap<>();
        details.forEach((id, byName) -> {
            if (!byName.isEmpty()) {
                d.put(id, Collections.unmodifiableMap(new LinkedHashMap<>(byName)));
            }
        });
        this.details = Collections.unmodifiableMap(d);
    }

    /** Corpus score by metric name, in metric order. */
    public Map<String, Double> corpus() {
        return corpus;
    }

    /**
     * One corpus score.
     *
     * @throws IllegalArgumentException if the report has no such metric
     */
    public double corpus(String metric) {
        Double v = corpus.get(metric);
        if (v == null) {
            throw new IllegalArgumentException("no metric " + metric + " in this report; it has " + corpus.keySet());
        }
        return v;
    }

    /** Per-image scores: image id -> metric -> score, in evaluation order. Corpus-only metrics are absent. */
    public Map<String, Map<String, Double>> perImage() {
        return perImage;
    }

    /** Metric name -> signature, e.g. {@code CIDEr -> CIDEr-D[sigma=6,idf=refs,tok=ptb]}. */
    public Map<String, String> signatures() {
        return signatures;
    }

    /**
     * Structured per-image details: image id -> detail name -> detail, in evaluation order; empty
     * when no chosen metric has any. With SPICE, every image has a {@code SPICE_detail}
     * ({@link io.github.blip2j.metrics.spice.SpiceImageScore}).
     */
    public Map<String, Map<String, ImageDetail>> details() {
        return details;
    }

    /**
     * SPICE's per-category scores of every image ({@code SPICE_detail}), in evaluation order;
     * empty when SPICE was not chosen.
     */
    public Map<String, io.github.blip2j.metrics.spice.SpiceImageScore> spiceDetail() {
        Map<String, io.github.blip2j.metrics.spice.SpiceImageScore> out = new LinkedHashMap<>();
        details.forEach((id, byName) -> {
            if (byName.get(io.github.blip2j.metrics.spice.SpiceImageScore.DETAIL_NAME)
                    instanceof io.github.blip2j.metrics.spice.SpiceImageScore s) {
                out.put(id, s);
            }
        });
        return Collections.unmodifiableMap(out);
    }

    /**
     * {@code {"corpus": {..}, "per_image": {"<image_id>": {..}}, "signatures": {..}}} on one line.
     * An image's object holds its scores, then its details by name (e.g. {@code "SPICE_detail": {..}}).
     */
    public String toJson() {
        StringBuilder out = new StringBuilder(64 + perImage.size() * 160);
        out.append("{\"corpus\":");
        numbers(out, corpus, Map.of());
        out.append(",\"per_image\":{");
        boolean first = true;
        for (Map.Entry<String, Map<String, Double>> e : perImage.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            JsonText.string(out, e.getKey());
            out.append(':');
            numbers(out, e.getValue(), details.getOrDefault(e.getKey(), Map.of()));
        }
        out.append("},\"signatures\":{");
        first = true;
        for (Map.Entry<String, String> e : signatures.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            JsonText.string(out, e.getKey());
            out.append(':');
            JsonText.string(out, e.getValue());
        }
        return out.append("}}").toString();
    }

    private static void numbers(StringBuilder out, Map<String, Double> values, Map<String, ImageDetail> extra) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Double> e : values.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            JsonText.string(out, e.getKey());
            out.append(':');
            JsonText.number(out, e.getValue());
        }
        for (Map.Entry<String, ImageDetail> e : extra.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            JsonText.string(out, e.getKey());
            out.append(':').append(e.getValue().toJson());
        }
        out.append('}');
    }

    @Override
    public String toString() {
        return "MetricReport" + corpus + " over " + perImage.size() + " images";
    }
}
