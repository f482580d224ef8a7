package io.github.blip2j.examples.train;

import io.github.blip2j.core.train.ValidationScorer;
import io.github.blip2j.metrics.CaptionMetrics;
import java.util.List;
import java.util.Map;

/** Plugs blip2-metrics into the FineTuner's validation: corpus BLEU-1..4 and CIDEr-D, as pycocoevalcap. */
final class MetricsScorer implements ValidationScorer {

    private final CaptionMetrics metrics = CaptionMetrics.builder().bleu(4).cider().build();

    @Override
    public Map<String, Double> score(Map<String, String> predictions, Map<String, List<String>> references) {
        return metrics.evaluate(predictions, references).corpus();
    }
}
