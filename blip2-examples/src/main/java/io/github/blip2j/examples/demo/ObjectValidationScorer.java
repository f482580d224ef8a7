package io.github.blip2j.examples.demo;

import io.github.blip2j.core.train.ValidationScorer;
import io.github.blip2j.metrics.analysis.ErrorAnalyzer;
import io.github.blip2j.metrics.analysis.ErrorRates;
import io.github.blip2j.metrics.analysis.GroundTruthObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores validation captions against the images' ground-truth objects, so that {@link
 * io.github.blip2j.core.train.FineTuner} keeps the epoch that names objects best rather than the one
 * with the lowest loss (the loss also rewards guessing the caption template, which the bars ignore).
 * Reports {@code object_recall}, {@code object_hallucination_rate} and their difference
 * {@value #MONITOR}, the value monitored.
 */
final class ObjectValidationScorer implements ValidationScorer {

    /** Recall minus hallucination rate: 1 for perfect captions, negative when most mentions are wrong. */
    static final String MONITOR = "object_score";

    private final Map<String, List<GroundTruthObject>> objects;
    private final ErrorAnalyzer analyzer = ErrorAnalyzer.builder().build();

    /** @param objects image id to its ground-truth objects (must cover every validation image) */
    ObjectValidationScorer(Map<String, List<GroundTruthObject>> objects) {
        this.objects = Map.copyOf(objects);
    }

    @Override
    public Map<String, Double> score(Map<String, String> predictions, Map<String, List<String>> references) {
        ErrorRates rates = analyzer.analyze(predictions, references, objects).rates();
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(ErrorRates.OBJECT_RECALL, rates.objectRecall());
        out.put(ErrorRates.OBJECT_HALLUCINATION_RATE, rates.objectHallucinationRate());
        out.put(MONITOR, rates.objectRecall() - rates.objectHallucinationRate());
        return out;
    }
}
