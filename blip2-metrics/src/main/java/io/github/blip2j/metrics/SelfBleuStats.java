package io.github.blip2j.metrics;

/** Self-BLEU statistics of one image: its candidate's n-gram counts (orders 1..n). */
public final class SelfBleuStats {

    final NGramCounts[] counts;

    SelfBleuStats(NGramCounts[] counts) {
        this.counts = counts;
    }

    /** Number of words of the candidate. */
    public int length() {
        return counts[0].total;
    }
}
