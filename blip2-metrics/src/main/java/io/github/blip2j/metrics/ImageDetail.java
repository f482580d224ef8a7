package io.github.blip2j.metrics;

/**
 * Structured per-image output of a metric beyond its scalar scores, such as SPICE's per-category
 * tuple counts ({@code SPICE_detail}). {@link MetricReport#toJson()} writes each detail inside its
 * image's {@code per_image} object under the name the scorer gave it.
 */
public interface ImageDetail {

    /** This detail as one JSON value (usually an object); NaN must be written as {@code null}. */
    String toJson();
}
