package io.github.blip2j.spice;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SPICE scores of a caption set.
 *
 * @param perImage image id to its scores, in the order the images were given
 */
public record SpiceResult(Map<String, ImageScore> perImage) {

    public SpiceResult {
        perImage = Collections.unmodifiableMap(new LinkedHashMap<>(perImage));
    }

    /**
     * Corpus SPICE as pycocoevalcap reports it: the mean over images of each image's "All" F-score
     * (0 for an empty set).
     */
    public double corpusScore() {
        if (perImage.isEmpty()) {
            return 0.0;
        }
        double sum = 0.0;
        for (ImageScore s : perImage.values()) {
            sum += s.spice();
        }
        return sum / perImage.size();
    }

    /** Per-category counts summed over all images, scores recomputed from the sums. */
    public Map<SpiceCategory, CategoryScore> summed() {
        Map<SpiceCategory, CategoryScore> out = new EnumMap<>(SpiceCategory.class);
        for (SpiceCategory c : SpiceCategory.values()) {
            CategoryScore total = CategoryScore.of(0, 0, 0, false);
            for (ImageScore s : perImage.values()) {
                total = total.plus(s.get(c));
            }
            out.put(c, total);
        }
        return out;
    }
}
