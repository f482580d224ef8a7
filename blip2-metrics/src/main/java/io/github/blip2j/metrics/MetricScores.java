package io.github.blip2j.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one scorer produced: corpus scores by metric name, and per-image scores in image order
 * (an image's map is empty for metrics that only have a corpus value, such as Distinct-n).
 */
public record MetricScores(Map<String, Double> corpus, List<Map<String, Double>> perImage) {

    public MetricScores {
        corpus = Collections.unmodifiableMap(new LinkedHashMap<>(corpus));
        perImage = List.copyOf(perImage);
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
