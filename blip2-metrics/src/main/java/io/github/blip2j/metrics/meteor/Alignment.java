package io.github.blip2j.metrics.meteor;

/** The counts Meteor scores from one chosen alignment of a hypothesis with a reference. */
final class Alignment {

    private Alignment() {
    }

    /** Statistics of the alignment {@code matches} (indexed by reference start) of {@code test} with {@code reference}. */
    static MeteorStats of(Sentence test, Sentence reference, Match[] matches) {
        int[] testContent = new int[MeteorStats.MODULES];
        int[] refContent = new int[MeteorStats.MODULES];
        int[] testFunction = new int[MeteorStats.MODULES];
        int[] refFunction = new int[MeteorStats.MODULES];
        for (Match m : matches) {
            if (m == null) {
                continue;
            }
            for (int k = 0; k < m.matchLength; k++) {
                if (test.words[m.matchStart + k].functionWord) {
                    testFunction[m.module]++;
                } else {
                    testContent[m.module]++;
                }
            }
            for (int k = 0; k < m.length; k++) {
                if (reference.words[m.start + k].functionWord) {
                    refFunction[m.module]++;
                } else {
                    refContent[m.module]++;
                }
            }
        }
        return MeteorStats.ofAlignment(test.size(), reference.size(), countFunctionWords(test),
                countFunctionWords(reference), testContent, refContent, testFunction, refFunction, chunks(matches));
    }

    private static int countFunctionWords(Sentence s) {
        int n = 0;
        for (WordInfo w : s.words) {
            if (w.functionWord) {
                n++;
            }
        }
        return n;
    }

    /** Runs of matches that are contiguous and in the same order on both sides. */
    private static int chunks(Match[] matches) {
        int chunks = 0;
        int lastMatchEnd = -1;
        int idx = 0;
        while (idx < matches.length) {
            Match m = matches[idx];
            if (m == null) {
                if (lastMatchEnd != -1) {
                    chunks++;
                    lastMatchEnd = -1;
                }
                idx++;
            } else {
                if (lastMatchEnd != -1 && m.matchStart != lastMatchEnd) {
                    chunks++;
                }
                idx = m.start + m.length;
                lastMatchEnd = m.matchStart + m.matchLength;
            }
        }
        return lastMatchEnd != -1 ? chunks + 1 : chunks;
    }
}
