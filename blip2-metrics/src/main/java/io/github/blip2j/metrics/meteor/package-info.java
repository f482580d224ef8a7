/**
 * METEOR 1.5 (English) in pure Java, matching pycocoevalcap's {@code METEOR}.
 *
 * <p>Entry point: {@link io.github.blip2j.metrics.meteor.Meteor}. Per image it produces Meteor's
 * 23 sufficient statistics ({@link io.github.blip2j.metrics.meteor.MeteorStats}) against the best
 * reference; the corpus score is the score of the summed statistics
 * ({@link io.github.blip2j.metrics.meteor.MeteorResult}). Bundled data: WordNet 3.0 synonyms
 * (WordNet licence, see {@code WORDNET-LICENSE.txt} in this package's resources), Meteor's
 * English function-word and non-breaking-prefix lists. See {@code blip2-metrics/METEOR.md}.
 */
package io.github.blip2j.metrics.meteor;
