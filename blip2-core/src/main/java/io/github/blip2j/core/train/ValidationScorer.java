package io.github.blip2j.core.train;

import java.util.List;
import java.util.Map;

/**
 * Scores generated captions against references during validation. blip2-core does not depend on
 * blip2-metrics; plug its scorers in here, e.g.
 * {@code (pred, refs) -> CaptionMetrics.builder().bleu(4).cider().build().evaluate(pred, refs).scores()}.
 */
@FunctionalInterface
public interface ValidationScorer {

    /**
     * @param predictions image id to the generated caption
     * @param references image id to its reference captions (same keys)
     * @return metric name to value (for example {@code Bleu_4}, {@code CIDEr})
     */
    Map<String, Double> score(Map<String, String> predictions, Map<String, List<String>> references);
}
