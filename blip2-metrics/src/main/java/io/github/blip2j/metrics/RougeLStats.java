package io.github.blip2j.metrics;

/**
 * ROUGE-L of one image: the best LCS precision and the best LCS recall over its references (each
 * maximised on its own, as pycocoevalcap does) and the F-measure they give.
 */
public record RougeLStats(double precision, double recall, double f) {
}
