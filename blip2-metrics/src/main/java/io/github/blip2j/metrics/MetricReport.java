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

    MetricReport(Map<String, Double> corpus, Map<String, Map<String, Double>> perImage, Map<String, String> signatures) {
        this.corpus = Collections.unmodifiableMap(new LinkedHashMap<>(corpus));
        Map<String, Map<String, Double>> p = new LinkedHashMap<>();
        perImage.forEach((id, scores) -> p.put(id, Collections.unmodifiableMap(new LinkedHashMap<>(scores))));
        this.perImage = Collections.unmodifiableMap(p);
        this.signatures = Collections.unmodifiableMap(new LinkedHashMap<>(signatures));
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

    /** {@code {"corpus": {..}, "per_image": {"<image_id>": {..}}, "signatures": {..}}} on one line. */
    public String toJson() {
        StringBuilder out = new StringBuilder(64 + perImage.size() * 160);
        out.append("{\"corpus\":");
        numbers(out, corpus);
        out.append(",\"per_image\":{");
        boolean first = true;
        for (Map.Entry<String, Map<String, Double>> e : perImage.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            JsonText.string(out, e.getKey());
            out.append(':');
            numbers(out, e.getValue());
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

    private static void numbers(StringBuilder out, Map<String, Double> values) {
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
        out.append('}');
    }

    @Override
    public String toString() {
        return "MetricReport" + corpus + " over " + perImage.size() + " images";
    }
}
