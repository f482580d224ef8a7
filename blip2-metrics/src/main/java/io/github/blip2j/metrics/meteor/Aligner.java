package io.github.blip2j.metrics.meteor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Meteor 1.5's aligner: finds every candidate match between a hypothesis and a reference
 * (exact, stem, synonym, paraphrase, in that order), then picks one alignment with a left-to-right
 * beam search over reference positions that maximises matched words and, among those, minimises
 * chunks and then the summed position distance.
 *
 * <p>Replicates Meteor's search exactly, quirks included, because they decide which alignment
 * wins ties: the search counts matches with weights 1.0 / 0.5 / 0.5 / 0.5 truncated to an
 * integer after every step (so a one-word stem or synonym match adds nothing to the search
 * score), candidates that are the only one for both of their words are fixed before the search,
 * identical sentences use the exact module only, and the distance of a newly chosen match is
 * charged to the path that skips it (Meteor adds it to the parent path). Thread-safe.
 */
final class Aligner {

    static final int EXACT = 0;
    static final int STEM = 1;
    static final int SYNONYM = 2;
    static final int PARAPHRASE = 3;

    /** Module weights Meteor's scorer gives its aligner for the search (not for the score). */
    private static final double[] SEARCH_WEIGHTS = {1.0, 0.5, 0.5, 0.5};

    private static final Comparator<SearchPath> BEST_FIRST = (x, y) -> {
        int matchDiff = (y.weightedMatches1 + y.weightedMatches2) - (x.weightedMatches1 + x.weightedMatches2);
        if (matchDiff != 0) {
            return matchDiff > 0 ? 1 : -1;
        }
        if (x.chunks != y.chunks) {
            return x.chunks - y.chunks;
        }
        return x.distance - y.distance;
    };

    private final int beamSize;
    private final ParaphraseTable paraphrases;

    Aligner(int beamSize, ParaphraseTable paraphrases) {
        this.beamSize = beamSize;
        this.paraphrases = paraphrases;
    }

    /** Aligns hypothesis {@code test} (Meteor's line 1) with {@code reference} (line 2); returns the statistics. */
    MeteorStats align(Sentence test, Sentence reference) {
        int n1 = test.size();
        int n2 = reference.size();
        Candidates c = new Candidates(n1, n2);
        boolean identical = n1 == n2 && test.sameWordsAs(reference);
        matchExact(test, reference, c);
        if (!identical) {
            matchStems(test, reference, c);
            matchSynonyms(test, reference, c);
            if (!paraphrases.isEmpty()) {
                matchParaphrases(test, reference, c);
            }
        }
        Match[] fixed = new Match[n2];
        SearchPath start = new SearchPath(n1, n2);
        fixUnambiguous(c, fixed, start);
        Match[] best = search(c, fixed, start);
        return Alignment.of(test, reference, best);
    }

    private static void matchExact(Sentence t, Sentence r, Candidates c) {
        for (int j = 0; j < r.size(); j++) {
            for (int i = 0; i < t.size(); i++) {
                if (t.keys[i] == r.keys[j]) {
                    c.add(new Match(j, 1, i, 1, EXACT));
                }
            }
        }
    }

    private static void matchStems(Sentence t, Sentence r, Candidates c) {
        for (int j = 0; j < r.size(); j++) {
            for (int i = 0; i < t.size(); i++) {
                if (t.words[i].stemKey == r.words[j].stemKey && t.keys[i] != r.keys[j]) {
                    c.add(new Match(j, 1, i, 1, STEM));
                }
            }
        }
    }

    private static void matchSynonyms(Sentence t, Sentence r, Candidates c) {
        for (int j = 0; j < r.size(); j++) {
            long refSignature = r.words[j].synsetSignature;
            if (refSignature == 0) {
                continue;
            }
            for (int i = 0; i < t.size(); i++) {
                if ((t.words[i].synsetSignature & refSignature) != 0 && t.keys[i] != r.keys[j]
                        && WordNetSynonyms.intersects(t.words[i].synsets, r.words[j].synsets)) {
                    c.add(new Match(j, 1, i, 1, SYNONYM));
                }
            }
        }
    }

    /** Reference phrases paraphrased in the hypothesis, then hypothesis phrases paraphrased in the reference. */
    private void matchParaphrases(Sentence t, Sentence r, Candidates c) {
        int[] ids1 = phraseIds(t);
        int[] ids2 = phraseIds(r);
        for (int j = 0; j < ids2.length; j++) {
            int[] found = paraphrases.phrasesAt(ids2, j);
            for (int k = 0; k < found.length; k += 2) {
                int[] para = paraphrases.paraphrase(found[k + 1]);
                for (int i = 0; i < ids1.length; i++) {
                    if (occursAt(ids1, i, para)) {
                        c.add(new Match(j, found[k], i, para.length, PARAPHRASE));
                    }
                }
            }
        }
        for (int i = 0; i < ids1.length; i++) {
            int[] found = paraphrases.phrasesAt(ids1, i);
            for (int k = 0; k < found.length; k += 2) {
                int[] para = paraphrases.paraphrase(found[k + 1]);
                for (int j = 0; j < ids2.length; j++) {
                    if (occursAt(ids2, j, para)) {
                        c.add(new Match(j, para.length, i, found[k], PARAPHRASE));
                    }
                }
            }
        }
    }

    private static int[] phraseIds(Sentence s) {
        int[] ids = new int[s.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = s.words[i].phraseId;
        }
        return ids;
    }

    private static boolean occursAt(int[] ids, int at, int[] phrase) {
        for (int k = 0; k < phrase.length; k++) {
            if (at + k == ids.length || ids[at + k] != phrase[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * A candidate that is the only one starting at its reference word and covers no contested
     * word is fixed before the search: it goes into {@code fixed} and is marked used in {@code start}.
     */
    private static void fixUnambiguous(Candidates c, Match[] fixed, SearchPath start) {
        for (int j = 0; j < fixed.length; j++) {
            List<Match> here = c.byStart[j];
            if (here == null || here.size() != 1) {
                continue;
            }
            Match m = here.get(0);
            boolean contested = false;
            for (int k = 0; k < m.length; k++) {
                contested |= c.coverage2[j + k] != 1;
            }
            for (int k = 0; k < m.matchLength; k++) {
                contested |= c.coverage1[m.matchStart + k] != 1;
            }
            if (!contested) {
                fixed[j] = m;
                start.setUsed(m);
            }
        }
    }

    private Match[] search(Candidates c, Match[] fixed, SearchPath start) {
        int n2 = fixed.length;
        List<SearchPath> next = new ArrayList<>();
        next.add(start);
        for (int current = 0; current <= n2; current++) {
            List<SearchPath> paths = next;
            next = new ArrayList<>();
            paths.sort(BEST_FIRST);
            int limit = Math.min(beamSize, paths.size());
            for (int rank = 0; rank < limit; rank++) {
                SearchPath path = paths.get(rank);
                if (current == n2) {
                    if (path.lastMatchEnd != -1) {
                        path.chunks++;
                    }
                    next.add(path);
                } else if (path.isUsed2(current)) {
                    if (current < path.idx) {
                        next.add(path);
                    } else if (fixed[path.idx] != null) {
                        // Only a match fixed up front can start at an unvisited, already used position.
                        Match m = fixed[path.idx];
                        path.extend(m, SEARCH_WEIGHTS);
                        path.distance += distance(m);
                        next.add(path);
                    }
                } else {
                    branch(c.byStart[current], path, current, next);
                }
            }
            if (next.isEmpty()) {
                // Meteor warns "unexpected conditions" and carries on with the best path.
                next.add(paths.get(0));
            }
        }
        next.sort(BEST_FIRST);
        return next.get(0).matches(fixed);
    }

    /** Adds one new path per usable candidate at {@code current}, then the path that skips it. */
    private static void branch(List<Match> candidates, SearchPath path, int current, List<SearchPath> next) {
        if (candidates != null) {
            for (Match m : candidates) {
                if (path.isUsed(m)) {
                    continue;
                }
                SearchPath chosen = path.copy();
                chosen.setUsed(m);
                chosen.chosen = new SearchPath.Chosen(m, path.chosen);
                chosen.extend(m, SEARCH_WEIGHTS);
                path.distance += distance(m);
                next.add(chosen);
            }
        }
        if (path.lastMatchEnd != -1) {
            path.chunks++;
            path.lastMatchEnd = -1;
        }
        path.idx++;
        next.add(path);
    }

    private static int distance(Match m) {
        return Math.abs(m.start - m.matchStart);
    }

    /** All candidate matches, grouped by reference start, with how many candidates cover each word. */
    private static final class Candidates {
        final List<Match>[] byStart;
        final int[] coverage1;
        final int[] coverage2;

        @SuppressWarnings({"unchecked", "rawtypes"})
        Candidates(int n1, int n2) {
            byStart = new List[n2];
            coverage1 = new int[n1];
            coverage2 = new int[n2];
        }

        void add(Match m) {
            List<Match> list = byStart[m.start];
            if (list == null) {
                list = new ArrayList<>(4);
                byStart[m.start] = list;
            }
            list.add(m);
            for (int k = 0; k < m.matchLength; k++) {
                coverage1[m.matchStart + k]++;
            }
            for (int k = 0; k < m.length; k++) {
                coverage2[m.start + k]++;
            }
        }
    }
}
