package io.github.blip2j.metrics.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one caption got right and wrong about the objects known to be in its image.
 * Every mention lands in exactly one of {@code correct} (colour and shape of an object that is there),
 * {@code vague} (a shape that is there, named without a colour), a colour error in
 * {@code attributeErrors} (a shape that is there, in the wrong colour) or {@code hallucinated}
 * (a shape that is not there, or more of it than there are). A correct mention with the wrong size
 * is also listed in {@code attributeErrors} as a size error. Every object lands in {@code recalled}
 * or, when nothing named it correctly, in {@code omitted} (even if a vague or wrong-colour mention
 * pointed at it).
 *
 * @param objects         the ground truth
 * @param mentions        every mention, in caption order
 * @param correct         mentions that name a present object's colour and shape
 * @param vague           colourless mentions of a present shape
 * @param hallucinated    mentions of shapes that are not (or no more) in the image
 * @param attributeErrors colour errors (present shape, wrong colour) and size errors on correct mentions
 * @param recalled        objects named correctly
 * @param omitted         objects not named correctly
 */
public record ObjectLabels(List<GroundTruthObject> objects, List<ObjectMention> mentions,
                           List<ObjectMention> correct, List<ObjectMention> vague,
                           List<ObjectMention> hallucinated, List<AttributeError> attributeErrors,
                           List<GroundTruthObject> recalled, List<GroundTruthObject> omitted) {

    public ObjectLabels {
        objects = List.copyOf(objects);
        mentions = List.copyOf(mentions);
        correct = List.copyOf(correct);
        vague = List.copyOf(vague);
        hallucinated = List.copyOf(hallucinated);
        attributeErrors = List.copyOf(attributeErrors);
        recalled = List.copyOf(recalled);
        omitted = List.copyOf(omitted);
    }

    /** Mentions of an object that is not there in that colour: hallucinated shapes plus colour errors. */
    public int falseMentions() {
        return hallucinated.size() + colourErrors();
    }

    public int colourErrors() {
        return (int) attributeErrors.stream().filter(e -> e.kind() == AttributeError.Kind.COLOUR).count();
    }

    public int sizeErrors() {
        return (int) attributeErrors.stream().filter(e -> e.kind() == AttributeError.Kind.SIZE).count();
    }

    /** Recalled objects over objects; 1 for an image without objects. */
    public double recall() {
        return objects.isEmpty() ? 1.0 : (double) recalled.size() / objects.size();
    }

    /** False mentions over mentions; 0 for a caption that mentions nothing. */
    public double hallucinationRate() {
        return mentions.isEmpty() ? 0.0 : (double) falseMentions() / mentions.size();
    }

    public String toJson() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("objects", Json.strings(objects.stream().map(GroundTruthObject::label).toList()));
        m.put("mentions", Json.strings(mentions.stream().map(ObjectMention::label).toList()));
        m.put("hallucinated", Json.strings(hallucinated.stream().map(ObjectMention::label).toList()));
        m.put("omitted", Json.strings(omitted.stream().map(GroundTruthObject::label).toList()));
        m.put("attribute_errors", Json.strings(attributeErrors.stream().map(AttributeError::describe).toList()));
        m.put("vague", Json.strings(vague.stream().map(ObjectMention::label).toList()));
        m.put("object_recall", Json.number(recall()));
        m.put("object_hallucination_rate", Json.number(hallucinationRate()));
        return Json.object(m);
    }
}
