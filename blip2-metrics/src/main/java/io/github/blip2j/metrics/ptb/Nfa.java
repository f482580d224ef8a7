package io.github.blip2j.metrics.ptb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Thompson NFA over character equivalence classes, built once from the grammar and shared,
 * read-only, by every thread. Besides the combined start state of all rules it keeps one start
 * state per extra pattern (the halves of trailing-context rules), matched by plain simulation.
 */
final class Nfa {

    /** Code unit -> equivalence class; all code units of a class behave the same everywhere. */
    final char[] classOf;
    final int classCount;
    /** Per state: the classes it consumes, or {@code null} for an epsilon or accepting state. */
    final long[][] consumes;
    /** Per state: successors (one for a consuming state, any number for an epsilon state). */
    final int[][] next;
    /** Per state: the accept id, or -1. */
    final int[] accept;
    final int start;
    final int[] patternStarts;

    private Nfa(char[] classOf, int classCount, long[][] consumes, int[][] next, int[] accept,
            int start, int[] patternStarts) {
        this.classOf = classOf;
        this.classCount = classCount;
        this.consumes = consumes;
        this.next = next;
        this.accept = accept;
        this.start = start;
        this.patternStarts = patternStarts;
    }

    int stateCount() {
        return accept.length;
    }

    boolean consumes(int state, int cls) {
        long[] bits = consumes[state];
        return bits != null && (bits[cls >>> 6] & (1L << cls)) != 0;
    }

    /**
     * Builds the NFA. {@code rules.get(i)} accepts with id {@code i} from {@link #start};
     * {@code patterns.get(j)} is reachable from {@code patternStarts[j]} and accepts with id 0.
     */
    static Nfa build(List<Regex> rules, List<Regex> patterns) {
        Classes classes = Classes.of(rules, patterns);
        Builder b = new Builder(classes);
        int start = b.epsilon();
        int[] outs = new int[rules.size()];
        for (int i = 0; i < rules.size(); i++) {
            outs[i] = b.build(rules.get(i), b.accepting(i));
        }
        b.next.set(start, outs);
        int[] patternStarts = new int[patterns.size()];
        for (int j = 0; j < patterns.size(); j++) {
            patternStarts[j] = b.build(patterns.get(j), b.accepting(0));
        }
        int n = b.accept.size();
        int[] accept = new int[n];
        for (int i = 0; i < n; i++) {
            accept[i] = b.accept.get(i);
        }
        return new Nfa(classes.classOf, classes.count, b.consumes.toArray(new long[0][]),
                b.next.toArray(new int[0][]), accept, start, patternStarts);
    }

    /** Equivalence classes of code units: two units share a class iff no set tells them apart. */
    private static final class Classes {
        final char[] classOf = new char[CharSet.MAX + 1];
        final Map<CharSet, long[]> bitsOf = new HashMap<>();
        int count;

        static Classes of(List<Regex> rules, List<Regex> patterns) {
            Map<CharSet, Boolean> sets = new HashMap<>();
            IdentityHashMap<Regex, Boolean> seen = new IdentityHashMap<>();
            for (Regex r : rules) {
                collect(r, sets, seen);
            }
            for (Regex r : patterns) {
                collect(r, sets, seen);
            }
            Classes c = new Classes();
            c.partition(new ArrayList<>(sets.keySet()));
            return c;
        }

        private static void collect(Regex r, Map<CharSet, Boolean> sets, IdentityHashMap<Regex, Boolean> seen) {
            if (seen.put(r, Boolean.TRUE) != null) {
                return;
            }
            if (r instanceof Regex.Chars ch) {
                sets.put(ch.set(), Boolean.TRUE);
            } else if (r instanceof Regex.Seq s) {
                s.parts().forEach(p -> collect(p, sets, seen));
            } else if (r instanceof Regex.Alt a) {
                a.options().forEach(p -> collect(p, sets, seen));
            } else if (r instanceof Regex.Repeat rep) {
                collect(rep.body(), sets, seen);
            }
        }

        private void partition(List<CharSet> sets) {
            boolean[] boundary = new boolean[CharSet.MAX + 2];
            boundary[0] = true;
            for (CharSet s : sets) {
                int[] r = s.ranges();
                for (int i = 0; i < r.length; i += 2) {
                    boundary[r[i]] = true;
                    boundary[r[i + 1] + 1] = true;
                }
            }
            int[] segStart = new int[CharSet.MAX + 2];
            int segments = 0;
            for (int c = 0; c <= CharSet.MAX; c++) {
                if (boundary[c]) {
                    segStart[segments++] = c;
                }
            }
            segStart[segments] = CharSet.MAX + 1;
            int words = (sets.size() + 63) >>> 6;
            long[][] signature = new long[segments][words];
            for (int k = 0; k < sets.size(); k++) {
                int[] r = sets.get(k).ranges();
                for (int i = 0; i < r.length; i += 2) {
                    int seg = Arrays.binarySearch(segStart, 0, segments, r[i]);
                    while (seg < segments && segStart[seg] <= r[i + 1]) {
                        signature[seg][k >>> 6] |= 1L << k;
                        seg++;
                    }
                }
            }
            Map<Key, Integer> ids = new HashMap<>();
            int[] classOfSegment = new int[segments];
            for (int seg = 0; seg < segments; seg++) {
                Integer id = ids.computeIfAbsent(new Key(signature[seg]), k -> ids.size());
                classOfSegment[seg] = id;
                Arrays.fill(classOf, segStart[seg], segStart[seg + 1], (char) id.intValue());
            }
            count = ids.size();
            int classWords = (count + 63) >>> 6;
            for (int k = 0; k < sets.size(); k++) {
                long[] bits = new long[classWords];
                for (int seg = 0; seg < segments; seg++) {
                    if ((signature[seg][k >>> 6] & (1L << k)) != 0) {
                        int cls = classOfSegment[seg];
                        bits[cls >>> 6] |= 1L << cls;
                    }
                }
                bitsOf.put(sets.get(k), bits);
            }
        }

        private record Key(long[] bits) {
            @Override
            public boolean equals(Object o) {
                return o instanceof Key k && Arrays.equals(bits, k.bits);
            }

            @Override
            public int hashCode() {
                return Arrays.hashCode(bits);
            }
        }
    }

    /** Thompson construction, built back to front: each call gets the state that follows it. */
    private static final class Builder {
        private static final int[] NONE = new int[0];
        final Classes classes;
        final List<long[]> consumes = new ArrayList<>();
        final List<int[]> next = new ArrayList<>();
        final List<Integer> accept = new ArrayList<>();

        Builder(Classes classes) {
            this.classes = classes;
        }

        int epsilon(int... outs) {
            return add(null, outs, -1);
        }

        int accepting(int id) {
            return add(null, NONE, id);
        }

        private int add(long[] bits, int[] outs, int acceptId) {
            consumes.add(bits);
            next.add(outs);
            accept.add(acceptId);
            return accept.size() - 1;
        }

        int build(Regex r, int follow) {
            if (r instanceof Regex.Chars ch) {
                return add(classes.bitsOf.get(ch.set()), new int[] {follow}, -1);
            }
            if (r instanceof Regex.Seq s) {
                int entry = follow;
                for (int i = s.parts().size() - 1; i >= 0; i--) {
                    entry = build(s.parts().get(i), entry);
                }
                return entry;
            }
            if (r instanceof Regex.Alt a) {
                int[] outs = new int[a.options().size()];
                for (int i = 0; i < outs.length; i++) {
                    outs[i] = build(a.options().get(i), follow);
                }
                return epsilon(outs);
            }
            Regex.Repeat rep = (Regex.Repeat) r;
            int entry;
            if (rep.max() < 0) {
                int loop = epsilon();
                next.set(loop, new int[] {build(rep.body(), loop), follow});
                entry = loop;
            } else {
                entry = follow;
                for (int i = rep.min(); i < rep.max(); i++) {
                    entry = epsilon(build(rep.body(), entry), follow);
                }
            }
            for (int i = 0; i < rep.min(); i++) {
                entry = build(rep.body(), entry);
            }
            return entry;
        }
    }
}
