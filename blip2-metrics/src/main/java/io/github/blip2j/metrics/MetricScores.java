package io.github.blip2j.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one scorer produced: corpus scores by metric name, per-image scores in image order (an
 * image's map is empty for metrics that only have a corpus value, such as Distinct-n), and
 * optional structured per-image details in image order (detail name to detail, such as
 * {@code SPICE_detail}; an empty list when the scorer has none).
 */
public record MetricScores(Map<String, Double> corpus, List<Map<String, Double>> perImage,
                           List<Map<String, ImageDetail>> details) {

    /**
     * @throws IllegalArgumentException if {@code details} is neither empty nor one entry per image
     */
    public MetricScores {
        corpus = Collections.unmodifiableMap(new LinkedHashMap<>(corpus));
        perImage = List.copyOf(perImage);
        details = details.stream().map(d -> Collections.unmodifiableMap(new LinkedHashMap<>(d))).toList();
        if (!details.isEmpty() && details.size() != perImage.size()) {
            throw new IllegalArgumentException("details: expected none or one entry per image (" + perImage.size()
                    + "), got " + details.size());
        }
    }

    /** Scores without per-image details. */
    public MetricScores(Map<String, Double> corpus, List<Map<String, Double>> perImage) {
        this(corpus, perImage, List.of());
    }

    /** These scores with the given per-image details (one map per image, in image order). */
    public MetricScores withDetails(List<Map<String, ImageDetail>> imageDetails) {
        return new MetricScores(corpus, perImage, imageDetails);
    }

    /**
     * Scores from arrays: {@code corpus[m]} and {@code perImage[m][i]} for metric {@code names[m]}
     * and image {@code i}; {@code perImage} may be null when there are no per-image values.
     */
    public static MetricScores of(List<String> names, double[] corpus, double[][] perImage, int images) {
        Map<String, Double> c = new LinkedHashMap<>();
        for (int m = 0; m < names.size(); m++) {
            c.put(names.get(m), corpus[m]);
        }
        List<Map<String, Double>> p = new java.util.ArrayList<>(images);
        for (int i = 0; i < images; i++) {
            Map<String, Double> row = new LinkedHashMap<>();
            if (perImage != null) {
                for (int m = 0; m < names.size(); m++) {
                    row.put(names.get(m), perImage[m][i]);
                }
            }
            p.add(Collections.unmodifiableMap(row));
        }
        return new MetricScores(c, p);
    }
}
