/**
 * Error analysis of generated captions, usable on any captions, pure Java.
 *
 * <p>Two kinds of evidence:
 * <ul>
 *   <li><b>Ground-truth objects</b> (the embedded demo, or any data set whose images list their
 *       objects): {@link io.github.blip2j.metrics.analysis.ObjectAnalyzer} parses the colour + shape
 *       (+ size) mentions of a caption and labels hallucinated and omitted objects and attribute
 *       errors; corpus rates {@code object_recall} and {@code object_hallucination_rate}.</li>
 *   <li><b>Reference captions only</b> (Flickr8k, COCO):
 *       {@link io.github.blip2j.metrics.analysis.ReferenceAnalyzer} finds content nouns with a
 *       built-in lexicon ({@link io.github.blip2j.metrics.analysis.NounLexicon}, no POS tagger), a
 *       rule-based {@link io.github.blip2j.metrics.analysis.Lemmatizer} and a synonym/hypernym table
 *       ({@link io.github.blip2j.metrics.analysis.SynonymTable}); corpus rates
 *       {@code hallucination_rate} (CHAIR_i-style), {@code omission_rate}, {@code repetition_rate},
 *       {@code elements_ge3_rate}.</li>
 * </ul>
 * {@link io.github.blip2j.metrics.analysis.ErrorAnalyzer} runs both and returns an
 * {@link io.github.blip2j.metrics.analysis.ErrorAnalysis} with per-caption labels and
 * {@link io.github.blip2j.metrics.analysis.ErrorRates}, each with a hand-written {@code toJson()}.
 *
 * <p>Known limits: nouns outside the lexicon are invisible (extend it), multi-word nouns are not
 * units ("hot dog" is a dog), a noun used as a verb or adjective is still a noun, and negation
 * ("no dog") is not understood.
 */
package io.github.blip2j.metrics.analysis;
