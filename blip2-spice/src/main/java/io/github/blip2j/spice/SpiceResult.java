package io.github.blip2j.spice;

import io.github.blip2j.metrics.spice.SpiceCategory;
import io.github.blip2j.metrics.spice.SpiceCategoryScore;
import io.github.blip2j.metrics.spice.SpiceImageScore;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SPICE scores of a caption set.
 *
 * @param perImage image id to its scores, in the order the images were given
 */
public record SpiceResult(Map<String, SpiceImageScore> perImage) {

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
        for (SpiceImageScore s : perImage.values()) {
            sum += s.spice();
        }
        return sum / perImage.size();
    }

    /** Per-category counts summed over all images, scores recomputed from the sums. */
    public Map<SpiceCategory, SpiceCategoryScore> summed() {
        Map<SpiceCategory, SpiceCategoryScore> out = new EnumMap<>(SpiceCategory.class);
        for (SpiceCategory c : SpiceCategory.values()) {
            SpiceCategoryScore total = SpiceCategoryScore.of(0, 0, 0, false);
            for (SpiceImageScore s : perImage.values()) {
                total = total.plus(s.get(c));
            }
            out.put(c, total);
        }
        return out;
    }
}
