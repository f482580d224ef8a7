package io.github.blip2j.examples.report;

import io.github.blip2j.metrics.CaptionMetrics;
import io.github.blip2j.metrics.MetricReport;
import io.github.blip2j.metrics.analysis.ErrorAnalysis;
import io.github.blip2j.metrics.analysis.ErrorAnalyzer;
import io.github.blip2j.metrics.analysis.GroundTruthObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores one set of captions with every metric ({@link MetricSuite}) and the error analysis, the
 * same way for the demo and for {@code blip2 report}.
 */
public final class ReportEvaluator {

    private final CaptionMetrics metrics;
    private final ErrorAnalyzer analyzer;

    /** With {@link MetricSuite#report()} (every metric, SPICE included when available) and the default error analyzer. */
    public ReportEvaluator() {
        this(MetricSuite.report(), ErrorAnalyzer.builder().build());
    }

    public ReportEvaluator(CaptionMetrics metrics, ErrorAnalyzer analyzer) {
        this.metrics = metrics;
        this.analyzer = analyzer;
    }

    /**
     * Scores {@code predictions} against {@code references} (and {@code objects}, when not null).
     * Only the predicted images are scored; the predictions are put in the references' order.
     *
     * @throws IllegalArgumentException naming the image when a prediction has no references
     */
    public StrategyRun evaluate(Map<String, String> predictions, Map<String, List<String>> references,
                                Map<String, List<GroundTruthObject>> objects) {
        Map<String, List<String>> refs = new LinkedHashMap<>();
        Map<String, String> preds = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : references.entrySet()) {
            if (predictions.containsKey(e.getKey())) {
                refs.put(e.getKey(), e.getValue());
                preds.put(e.getKey(), predictions.get(e.getKey()));
            }
        }
        for (String id : predictions.keySet()) {
            if (!references.containsKey(id)) {
                throw new IllegalArgumentException("image '" + id + "' has a prediction but no reference captions");
            }
        }
        MetricReport report = metrics.evaluate(preds, refs);
        ErrorAnalysis errors = analyzer.analyze(preds, refs, objects);
        return new StrategyRun(preds, report, errors);
    }
}
