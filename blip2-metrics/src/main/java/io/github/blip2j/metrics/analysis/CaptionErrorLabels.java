package io.github.blip2j.metrics.analysis;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The error labels of one predicted caption: against its references always, against its image's
 * ground-truth objects when they are known.
 *
 * @param imageId    the image the caption is for
 * @param caption    the predicted caption
 * @param references labels against the reference captions
 * @param objects    labels against the ground-truth objects, or {@code null} when unknown
 */
public record CaptionErrorLabels(String imageId, String caption, ReferenceLabels references, ObjectLabels objects) {

    public CaptionErrorLabels {
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(caption, "caption");
        Objects.requireNonNull(references, "references");
    }

    public Optional<ObjectLabels> objectLabels() {
        return Optional.ofNullable(objects);
    }

    /** True when the caption has any error label: a hallucination, omission, repetition or attribute error. */
    public boolean hasErrors() {
        boolean refErrors = !references.hallucinated().isEmpty() || !references.omitted().isEmpty()
                || references.repetitive();
        boolean objErrors = objects != null && (!objects.hallucinated().isEmpty() || !objects.omitted().isEmpty()
                || !objects.attributeErrors().isEmpty());
        return refErrors || objErrors;
    }

    public String toJson() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("image_id", Json.string(imageId));
        m.put("caption", Json.string(caption));
        m.put("references", references.toJson());
        if (objects != null) {
            m.put("objects", objects.toJson());
        }
        return Json.object(m);
    }
}
