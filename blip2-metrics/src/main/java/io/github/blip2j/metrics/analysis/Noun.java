package io.github.blip2j.metrics.analysis;

/**
 * A content noun found in a caption.
 *
 * @param word    the word as written (lower-cased), e.g. "puppies"
 * @param lemma   its singular, e.g. "puppy"
 * @param concept its canonical word in the synonym table, e.g. "dog"
 */
public record Noun(String word, String lemma, String concept) {
}
