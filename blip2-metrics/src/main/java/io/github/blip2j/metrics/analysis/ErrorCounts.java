package io.github.blip2j.metrics.analysis;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The corpus totals the error rates are computed from (so that a report can show "12 of 150").
 * Object counts are zero when no ground-truth objects were given ({@link #objectsKnown()} false).
 *
 * @param captions             predicted captions analysed
 * @param nouns                distinct noun concepts over all predictions (summed per caption)
 * @param hallucinatedNouns    of those, matching no reference noun
 * @param hallucinatedCaptions captions with at least one hallucinated noun (CHAIR_s numerator)
 * @param salientNouns         salient reference concepts over all images
 * @param omittedNouns         of those, not mentioned by the prediction
 * @param repetitiveCaptions   captions with a degenerate repetition
 * @param elementsGe3Captions  captions mentioning at least three distinct elements
 * @param objectsKnown         whether ground-truth objects were given
 * @param objects              ground-truth objects over all images
 * @param mentions             object mentions over all predictions
 * @param recalledObjects      objects named with the right colour and shape
 * @param falseMentions        mentions of objects not there in that colour and shape
 * @param colourErrors         of the false mentions, right shape in the wrong colour
 * @param sizeErrors           correct mentions with the wrong size
 * @param omittedObjects       objects not named correctly
 */
public record ErrorCounts(int captions, int nouns, int hallucinatedNouns, int hallucinatedCaptions,
                          int salientNouns, int omittedNouns, int repetitiveCaptions, int elementsGe3Captions,
                          boolean objectsKnown, int objects, int mentions, int recalledObjects,
                          int falseMentions, int colourErrors, int sizeErrors, int omittedObjects) {

    /** CHAIR_s: the share of captions with at least one hallucinated noun. */
    public double hallucinatedCaptionRate() {
        return captions == 0 ? 0.0 : (double) hallucinatedCaptions / captions;
    }

    public String toJson() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("captions", Integer.toString(captions));
        m.put("nouns", Integer.toString(nouns));
        m.put("hallucinated_nouns", Integer.toString(hallucinatedNouns));
        m.put("hallucinated_captions", Integer.toString(hallucinatedCaptions));
        m.put("hallucinated_caption_rate", Json.number(hallucinatedCaptionRate()));
        m.put("salient_nouns", Integer.toString(salientNouns));
        m.put("omitted_nouns", Integer.toString(omittedNouns));
        m.put("repetitive_captions", Integer.toString(repetitiveCaptions));
        m.put("elements_ge3_captions", Integer.toString(elementsGe3Captions));
        if (objectsKnown) {
            m.put("objects", Integer.toString(objects));
            m.put("mentions", Integer.toString(mentions));
            m.put("recalled_objects", Integer.toString(recalledObjects));
            m.put("false_mentions", Integer.toString(falseMentions));
            m.put("colour_errors", Integer.toString(colourErrors));
            m.put("size_errors", Integer.toString(sizeErrors));
            m.put("omitted_objects", Integer.toString(omittedObjects));
        }
        return Json.object(m);
    }
}
