package io.github.blip2j.metrics.spice;

import io.github.blip2j.metrics.ImageDetail;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * SPICE result of one image: a {@link SpiceCategoryScore} for every {@link SpiceCategory}. Its JSON
 * form is pycocoevalcap's {@code SPICE_detail} entry: category to {@code pr, re, f, fn, numImages,
 * fp, tp} (counts as numbers, {@code numImages} = 1, NaN as {@code null}).
 *
 * @param categories a score for every category
 */
public record SpiceImageScore(Map<SpiceCategory, SpiceCategoryScore> categories) implements ImageDetail {

    /** The name under which {@link io.github.blip2j.metrics.MetricReport} carries this detail. */
    public static final String DETAIL_NAME = "SPICE_detail";

    /**
     * @throws IllegalArgumentException if a category is missing
     */
    public SpiceImageScore {
        if (categories == null || categories.size() != SpiceCategory.values().length
                || categories.values().stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("categories: expected a score for each of "
                    + Arrays.toString(SpiceCategory.values()) + ", got "
                    + (categories == null ? null : categories.keySet()));
        }
        categories = Collections.unmodifiableMap(new EnumMap<>(categories));
    }

    /** The image's SPICE score: the F-score over all tuples ({@code All.f}). */
    public double spice() {
        return categories.get(SpiceCategory.ALL).f();
    }

    /** Scores of one category. */
    public SpiceCategoryScore get(SpiceCategory category) {
        return categories.get(category);
    }

    @Override
    public String toJson() {
        StringBuilder out = new StringBuilder(512).append('{');
        boolean first = true;
        for (Map.Entry<SpiceCategory, SpiceCategoryScore> e : categories.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            SpiceCategoryScore s = e.getValue();
            // field order of SPICE's own JSON output, which pycocoevalcap passes through
            out.append('"').append(e.getKey().jsonName()).append("\":{\"pr\":").append(number(s.precision()))
                    .append(",\"re\":").append(number(s.recall()))
                    .append(",\"f\":").append(number(s.f()))
                    .append(",\"fn\":").append((double) s.falseNegatives())
                    .append(",\"numImages\":1.0")
                    .append(",\"fp\":").append((double) s.falsePositives())
                    .append(",\"tp\":").append((double) s.truePositives()).append('}');
        }
        return out.append('}').toString();
    }

    private static String number(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "null" : Double.toString(v);
    }
}
