package io.github.blip2j.metrics.ptb;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Longest-match scanning over the shared {@link Nfa}, determinised on demand: a DFA state (a set
 * of NFA states) and each of its transitions are computed the first time the text needs them, so
 * start-up costs nothing and ordinary captions touch only a few hundred states. Not thread-safe:
 * every thread uses its own instance.
 */
final class LazyDfa {

    private static final int DEAD = 0;
    private static final int START = 1;
    private static final int UNKNOWN = -1;
    /** Past this many states the cache is dropped and rebuilt (bounds memory on hostile input). */
    private static final int MAX_STATES = 20_000;

    private final Nfa nfa;
    private final Map<StateKey, Integer> index = new HashMap<>();
    private int[][] transitions = new int[64][];
    private int[] acceptOf = new int[64];
    private int[][] nfaStates = new int[64][];
    private int count;
    /** DFA start state of each extra pattern. */
    private final int[] patternStart;

    private final int[] mark;
    private int stamp;
    private int[] stack;
    private int[] collected;

    LazyDfa(Nfa nfa) {
        this.nfa = nfa;
        this.mark = new int[nfa.stateCount()];
        this.stack = new int[64];
        this.collected = new int[64];
        this.patternStart = new int[nfa.patternStarts.length];
        reset();
    }

    private void reset() {
        index.clear();
        count = 0;
        intern(new int[0]);
        intern(closure(new int[] {nfa.start}, 1));
        for (int j = 0; j < patternStart.length; j++) {
            patternStart[j] = intern(closure(new int[] {nfa.patternStarts[j]}, 1));
        }
    }

    /**
     * The longest match of any rule at {@code pos}, reading at most up to {@code end}: the rule
     * (the lowest id among those matching that longest text) in the high half and the end offset
     * in the low half, or -1 when nothing matches.
     */
    long longestMatch(char[] text, int pos, int end) {
        if (count > MAX_STATES) {
            reset();
        }
        int state = START;
        int rule = -1;
        int matchEnd = -1;
        char[] classOf = nfa.classOf;
        for (int i = pos; i < end; i++) {
            int cls = classOf[text[i]];
            int target = transitions[state][cls];
            if (target == UNKNOWN) {
                target = computeTransition(state, cls);
            }
            if (target == DEAD) {
                break;
            }
            state = target;
            if (acceptOf[state] >= 0) {
                rule = acceptOf[state];
                matchEnd = i + 1;
            }
        }
        return rule < 0 ? -1 : ((long) rule << 32) | matchEnd;
    }

    /**
     * Writes to {@code ends} the offsets {@code e <= limit}, ascending, such that extra pattern
     * {@code pattern} matches {@code text[from, e)}, and returns how many there are (at most
     * {@code ends.length}; callers size it {@code limit - from + 1}).
     */
    int patternEnds(int pattern, char[] text, int from, int limit, int[] ends) {
        int state = patternStart[pattern];
        int n = 0;
        char[] classOf = nfa.classOf;
        for (int i = from; i < limit; i++) {
            int cls = classOf[text[i]];
            int target = transitions[state][cls];
            if (target == UNKNOWN) {
                target = computeTransition(state, cls);
            }
            if (target == DEAD) {
                return n;
            }
            state = target;
            if (acceptOf[state] >= 0) {
                ends[n++] = i + 1;
            }
        }
        return n;
    }

    private int computeTransition(int state, int cls) {
        int target = intern(move(nfaStates[state], cls));
        transitions[state][cls] = target;
        return target;
    }

    private int[] move(int[] from, int cls) {
        int[] seeds = new int[from.length];
        int n = 0;
        for (int s : from) {
            if (nfa.consumes(s, cls)) {
                seeds[n++] = nfa.next[s][0];
            }
        }
        return closure(seeds, n);
    }

    /** The consuming and accepting NFA states reachable from the seeds by epsilon moves, sorted. */
    private int[] closure(int[] seeds, int n) {
        stamp++;
        int top = 0;
        int found = 0;
        for (int i = 0; i < n; i++) {
            if (mark[seeds[i]] != stamp) {
                mark[seeds[i]] = stamp;
                stack = push(stack, top++, seeds[i]);
            }
        }
        while (top > 0) {
            int s = stack[--top];
            if (nfa.consumes[s] != null || nfa.accept[s] >= 0) {
                collected = push(collected, found++, s);
                continue;
            }
            for (int t : nfa.next[s]) {
                if (mark[t] != stamp) {
                    mark[t] = stamp;
                    stack = push(stack, top++, t);
                }
            }
        }
        int[] result = Arrays.copyOf(collected, found);
        Arrays.sort(result);
        return result;
    }

    private static int[] push(int[] array, int at, int value) {
        if (at == array.length) {
            array = Arrays.copyOf(array, array.length * 2);
        }
        array[at] = value;
        return array;
    }

    private int intern(int[] states) {
        StateKey key = new StateKey(states);
        Integer known = index.get(key);
        if (known != null) {
            return known;
        }
        int id = count++;
        if (id == transitions.length) {
            transitions = Arrays.copyOf(transitions, id * 2);
            acceptOf = Arrays.copyOf(acceptOf, id * 2);
            nfaStates = Arrays.copyOf(nfaStates, id * 2);
        }
        int[] row = new int[nfa.classCount];
        Arrays.fill(row, id == DEAD ? DEAD : UNKNOWN);
        transitions[id] = row;
        nfaStates[id] = states;
        int accept = -1;
        for (int s : states) {
            int a = nfa.accept[s];
            if (a >= 0 && (accept < 0 || a < accept)) {
                accept = a;
            }
        }
        acceptOf[id] = accept;
        index.put(key, id);
        return id;
    }

    private record StateKey(int[] states) {
        @Override
        public boolean equals(Object o) {
            return o instanceof StateKey k && Arrays.equals(states, k.states);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(states);
        }
    }
}
