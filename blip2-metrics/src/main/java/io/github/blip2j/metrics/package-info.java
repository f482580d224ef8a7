/**
 * Caption metrics with pycocoevalcap's numbers, in pure Java: {@link io.github.blip2j.metrics.CaptionMetrics}
 * (BLEU-1..4, METEOR, ROUGE-L, CIDEr-D, SPICE through the optional blip2-spice module, Distinct-n,
 * Self-BLEU, and any {@link io.github.blip2j.metrics.CaptionScorer}),
 * {@link io.github.blip2j.metrics.CaptionTokenizer} (PTB 3.4.1 as pycocoevalcap runs it) and
 * {@link io.github.blip2j.metrics.MetricReport}. See the module README for definitions and the
 * deliberate differences from pycocoevalcap.
 */
package io.github.blip2j.metrics;
