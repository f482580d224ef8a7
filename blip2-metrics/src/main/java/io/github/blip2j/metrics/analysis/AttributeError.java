package io.github.blip2j.metrics.analysis;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A mention that names an object which is there, but with a wrong attribute: the right shape in
 * the wrong colour, or the right colour and shape in the wrong size.
 *
 * @param kind      which attribute is wrong
 * @param mention   what the caption said
 * @param actual    the object the mention was matched to
 */
public record AttributeError(Kind kind, ObjectMention mention, GroundTruthObject actual) {

    /** The wrong attribute. */
    public enum Kind { COLOUR, SIZE }

    /** E.g. "colour: said red circle, is blue circle". */
    public String describe() {
        String said = kind == Kind.COLOUR ? mention.colour() : mention.size();
        String is = kind == Kind.COLOUR ? actual.colour() : actual.size();
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ": said " + said + " " + actual.shape()
                + ", is " + is + " " + actual.shape();
    }

    public String toJson() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("kind", Json.string(kind.name().toLowerCase(java.util.Locale.ROOT)));
        m.put("mention", mention.toJson());
        m.put("actual", actual.toJson());
        return Json.object(m);
    }
}
