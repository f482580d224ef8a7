package io.github.blip2j.spice;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * SPICE result of one image: a {@link CategoryScore} per {@link SpiceCategory}.
 *
 * @param categories every category, in {@link SpiceCategory} order
 */
public record ImageScore(Map<SpiceCategory, CategoryScore> categories) {

    public ImageScore {
        if (categories.size() != SpiceCategory.values().length) {
            throw new IllegalArgumentException("expected a score for each of "
                + java.util.Arrays.toString(SpiceCategory.values()) + ", got " + categories.keySet());
        }
        categories = Collections.unmodifiableMap(new EnumMap<>(categories));
    }

    /** The image's SPICE score: F-score over all tuples. */
    public double spice() {
        return categories.get(SpiceCategory.ALL).f();
    }

    /** Scores of one category. */
    public CategoryScore get(SpiceCategory category) {
        return categories.get(category);
    }
}
