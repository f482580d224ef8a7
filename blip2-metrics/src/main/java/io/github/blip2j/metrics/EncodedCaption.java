package io.github.blip2j.metrics;

/**
 * A tokenized caption as integer ids from its corpus's {@link NGramIndex}: the n-grams of its
 * whitespace-split words ({@code str.split()}, what BLEU and CIDEr use) with their counts, and
 * its single-space-split tokens ({@code str.split(" ")}, what ROUGE-L uses; an empty caption is
 * one empty token).
 */
final class EncodedCaption {

    /** Number of {@code split()} words. */
    final int length;
    /** {@code ngrams[k-1][i]}: id of the k-gram starting at word {@code i}. */
    final int[][] ngrams;
    /** Word ids of the {@code split(" ")} tokens. */
    final int[] spaceTokens;
    /** {@code counts[k-1]}: the distinct k-grams and their counts. */
    final NGramCounts[] counts;

    EncodedCaption(int length, int[][] ngrams, int[] spaceTokens) {
        this.length = length;
        this.ngrams = ngrams;
        this.spaceTokens = spaceTokens;
        this.counts = new NGramCounts[ngrams.length];
        for (int k = 0; k < ngrams.length; k++) {
            counts[k] = NGramCounts.of(ngrams[k]);
        }
    }
}
