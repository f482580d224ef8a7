package io.github.blip2j.metrics.meteor;

/**
 * One partial alignment of the beam search (Meteor's {@code PartialAlignment}).
 *
 * <p>Kept cheap to copy, since the search copies a path for every candidate it tries: used
 * words are bitsets and the matches chosen so far are a list shared with the parent path.
 */
final class SearchPath {
    final long[] used1;
    final long[] used2;
    /** Matches chosen by the search, newest first (the unambiguous ones fixed up front are not here). */
    Chosen chosen;
    /** Weighted matched words so far, truncated to an integer after every step as Meteor does. */
    int weightedMatches1;
    int weightedMatches2;
    int chunks;
    /** Next reference position to decide. */
    int idx;
    /** Hypothesis position right after the last match of the open chunk, -1 if no chunk is open. */
    int lastMatchEnd = -1;
    int distance;

    /** Immutable list node of chosen matches. */
    static final class Chosen {
        final Match match;
        final Chosen next;

        Chosen(Match match, Chosen next) {
            this.match = match;
            this.next = next;
        }
    }

    SearchPath(int n1, int n2) {
        used1 = new long[(n1 + 63) >>> 6];
        used2 = new long[(n2 + 63) >>> 6];
    }

    private SearchPath(SearchPath p) {
        used1 = p.used1.clone();
        used2 = p.used2.clone();
        chosen = p.chosen;
        weightedMatches1 = p.weightedMatches1;
        weightedMatches2 = p.weightedMatches2;
        chunks = p.chunks;
        idx = p.idx;
        lastMatchEnd = p.lastMatchEnd;
        distance = p.distance;
    }

    SearchPath copy() {
        return new SearchPath(this);
    }

    boolean isUsed2(int j) {
        return (used2[j >>> 6] & (1L << j)) != 0;
    }

    boolean isUsed(Match m) {
        for (int k = m.start; k < m.start + m.length; k++) {
            if ((used2[k >>> 6] & (1L << k)) != 0) {
                return true;
            }
        }
        for (int k = m.matchStart; k < m.matchStart + m.matchLength; k++) {
            if ((used1[k >>> 6] & (1L << k)) != 0) {
                return true;
            }
        }
        return false;
    }

    void setUsed(Match m) {
        for (int k = m.start; k < m.start + m.length; k++) {
            used2[k >>> 6] |= 1L << k;
        }
        for (int k = m.matchStart; k < m.matchStart + m.matchLength; k++) {
            used1[k >>> 6] |= 1L << k;
        }
    }

    /** Takes match {@code m} as the next one: counts its words, opens a chunk if it does not continue the last. */
    void extend(Match m, double[] weights) {
        // Meteor keeps these counts in ints and adds weighted doubles with +=, which truncates.
        weightedMatches1 = (int) (weightedMatches1 + m.matchLength * weights[m.module]);
        weightedMatches2 = (int) (weightedMatches2 + m.length * weights[m.module]);
        if (lastMatchEnd != -1 && m.matchStart != lastMatchEnd) {
            chunks++;
        }
        idx = m.start + m.length;
        lastMatchEnd = m.matchStart + m.matchLength;
    }

    /** All matches of this path, indexed by reference start: the fixed ones plus those chosen. */
    Match[] matches(Match[] fixed) {
        Match[] all = fixed.clone();
        for (Chosen c = chosen; c != null; c = c.next) {
            all[c.match.start] = c.match;
        }
        return all;
    }
}
