package io.github.blip2j.examples.report;

import io.github.blip2j.metrics.MetricReport;
import io.github.blip2j.metrics.analysis.ErrorAnalysis;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One decoding strategy's captions of the evaluated images in one phase, with their scores.
 *
 * @param predictions image id to caption, in evaluation order
 * @param metrics     the caption metrics ({@link MetricSuite})
 * @param errors      the error analysis (against the objects too, when they are known)
 */
public record StrategyRun(Map<String, String> predictions, MetricReport metrics, ErrorAnalysis errors) {

    public StrategyRun {
        predictions = Collections.unmodifiableMap(new LinkedHashMap<>(predictions));
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(errors, "errors");
    }

    /** Every corpus number by name: the metrics, then the error rates. */
    public Map<String, Double> scores() {
        Map<String, Double> m = new LinkedHashMap<>(metrics.corpus());
        m.putAll(errors.rates().toMap());
        return m;
    }
}
