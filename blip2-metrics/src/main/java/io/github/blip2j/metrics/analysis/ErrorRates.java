package io.github.blip2j.metrics.analysis;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Corpus error rates under the names reports and the CLI use. An empty denominator gives 0 for an
 * error rate and 1 for recall.
 *
 * @param objectRecall            {@code object_recall}: ground-truth objects named with the right colour
 *                                and shape, over all objects; {@code null} when objects are unknown
 * @param objectHallucinationRate {@code object_hallucination_rate}: mentions of objects not in the image
 *                                in that colour and shape (absent shapes and colour errors), over all
 *                                mentions; {@code null} when objects are unknown
 * @param hallucinationRate       {@code hallucination_rate}: CHAIR_i-style, hallucinated noun concepts over
 *                                all noun concepts of the predictions
 * @param omissionRate            {@code omission_rate}: omitted salient concepts over salient concepts
 * @param repetitionRate          {@code repetition_rate}: captions with a degenerate repetition, over captions
 * @param elementsGe3Rate         {@code elements_ge3_rate}: captions mentioning >= 3 distinct elements, over captions
 */
public record ErrorRates(Double objectRecall, Double objectHallucinationRate, double hallucinationRate,
                         double omissionRate, double repetitionRate, double elementsGe3Rate) {

    public static final String OBJECT_RECALL = "object_recall";
    public static final String OBJECT_HALLUCINATION_RATE = "object_hallucination_rate";
    public static final String HALLUCINATION_RATE = "hallucination_rate";
    public static final String OMISSION_RATE = "omission_rate";
    public static final String REPETITION_RATE = "repetition_rate";
    public static final String ELEMENTS_GE3_RATE = "elements_ge3_rate";

    /** The rates of a corpus from its totals. */
    public static ErrorRates of(ErrorCounts c) {
        Double recall = null;
        Double objHall = null;
        if (c.objectsKnown()) {
            recall = c.objects() == 0 ? 1.0 : (double) c.recalledObjects() / c.objects();
            objHall = ratio(c.falseMentions(), c.mentions());
        }
        return new ErrorRates(recall, objHall, ratio(c.hallucinatedNouns(), c.nouns()),
                ratio(c.omittedNouns(), c.salientNouns()), ratio(c.repetitiveCaptions(), c.captions()),
                ratio(c.elementsGe3Captions(), c.captions()));
    }

    private static double ratio(int num, int den) {
        return den == 0 ? 0.0 : (double) num / den;
    }

    public Optional<Double> objectRecallIfKnown() {
        return Optional.ofNullable(objectRecall);
    }

    public Optional<Double> objectHallucinationRateIfKnown() {
        return Optional.ofNullable(objectHallucinationRate);
    }

    /** Name to value, object rates first and only when objects are known. */
    public Map<String, Double> toMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        if (objectRecall != null) {
            m.put(OBJECT_RECALL, objectRecall);
        }
        if (objectHallucinationRate != null) {
            m.put(OBJECT_HALLUCINATION_RATE, objectHallucinationRate);
        }
        m.put(HALLUCINATION_RATE, hallucinationRate);
        m.put(OMISSION_RATE, omissionRate);
        m.put(REPETITION_RATE, repetitionRate);
        m.put(ELEMENTS_GE3_RATE, elementsGe3Rate);
        return m;
    }

    public String toJson() {
        Map<String, String> m = new LinkedHashMap<>();
        toMap().forEach((k, v) -> m.put(k, Json.number(v)));
        return Json.object(m);
    }
}
