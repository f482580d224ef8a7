package io.github.blip2j.metrics.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The result of an {@link ErrorAnalyzer} run: corpus rates, their totals, and per-caption labels. */
public final class ErrorAnalysis {

    private final ErrorRates rates;
    private final ErrorCounts counts;
    private final Map<String, CaptionErrorLabels> captions;

    ErrorAnalysis(ErrorCounts counts, List<CaptionErrorLabels> captions) {
        this.counts = counts;
        this.rates = ErrorRates.of(counts);
        Map<String, CaptionErrorLabels> m = new LinkedHashMap<>();
        for (CaptionErrorLabels c : captions) {
            m.put(c.imageId(), c);
        }
        this.captions = Collections.unmodifiableMap(m);
    }

    public ErrorRates rates() {
        return rates;
    }

    public ErrorCounts counts() {
        return counts;
    }

    /** Labels per image id, in the order of the predictions. */
    public Map<String, CaptionErrorLabels> captions() {
        return captions;
    }

    /** The labels of one image's caption; throws if the image was not analysed. */
    public CaptionErrorLabels labels(String imageId) {
        CaptionErrorLabels l = captions.get(imageId);
        if (l == null) {
            throw new IllegalArgumentException("no caption analysed for image '" + imageId + "'");
        }
        return l;
    }

    /** {@code {"rates": {...}, "counts": {...}, "captions": [{...}, ...]}}. */
    public String toJson() {
        List<String> items = new ArrayList<>(captions.size());
        for (CaptionErrorLabels c : captions.values()) {
            items.add(c.toJson());
        }
        Map<String, String> m = new LinkedHashMap<>();
        m.put("rates", rates.toJson());
        m.put("counts", counts.toJson());
        m.put("captions", Json.array(items));
        return Json.object(m);
    }
}
