package io.github.blip2j.metrics.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one predicted caption got wrong judged against its reference captions only.
 *
 * @param nouns          distinct noun concepts of the prediction, in order of first mention
 * @param hallucinated   those of {@code nouns} that match no noun of any reference (CHAIR-style)
 * @param hallucinatedWords the prediction's words behind {@code hallucinated}, as written ("puppies"),
 *                       for highlighting them in the caption
 * @param salient        concepts that enough references mention (default: at least 3)
 * @param omitted        those of {@code salient} that the prediction does not mention
 * @param repeatedNgrams degenerate repetitions inside the prediction, see {@link RepetitionDetector}
 */
public record ReferenceLabels(List<String> nouns, List<String> hallucinated, List<String> hallucinatedWords,
                              List<String> salient,
                              List<String> omitted, List<String> repeatedNgrams) {

    /** The number of distinct elements a caption must mention to count as rich. */
    public static final int ELEMENTS_THRESHOLD = 3;

    public ReferenceLabels {
        nouns = List.copyOf(nouns);
        hallucinated = List.copyOf(hallucinated);
        hallucinatedWords = List.copyOf(hallucinatedWords);
        salient = List.copyOf(salient);
        omitted = List.copyOf(omitted);
        repeatedNgrams = List.copyOf(repeatedNgrams);
    }

    /** Distinct elements (noun concepts) the prediction mentions. */
    public int elements() {
        return nouns.size();
    }

    /** The seed's criterion: the caption mentions at least three distinct elements. */
    public boolean elementsGe3() {
        return nouns.size() >= ELEMENTS_THRESHOLD;
    }

    public boolean repetitive() {
        return !repeatedNgrams.isEmpty();
    }

    public String toJson() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("nouns", Json.strings(nouns));
        m.put("hallucinated", Json.strings(hallucinated));
        m.put("hallucinated_words", Json.strings(hallucinatedWords));
        m.put("salient", Json.strings(salient));
        m.put("omitted", Json.strings(omitted));
        m.put("repeated_ngrams", Json.strings(repeatedNgrams));
        m.put("elements", Integer.toString(elements()));
        m.put("elements_ge3", Boolean.toString(elementsGe3()));
        return Json.object(m);
    }
}
