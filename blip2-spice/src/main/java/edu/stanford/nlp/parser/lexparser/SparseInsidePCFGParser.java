package edu.stanford.nlp.parser.lexparser;

import edu.stanford.nlp.util.Index;
import edu.stanford.nlp.util.RuntimeInterruptedException;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CoreNLP 3.6.0's exhaustive PCFG parser with a faster inside pass that fills the same chart with
 * the same floats, so every parse, score and tie stays CoreNLP's (blip2-spice's SPICE parity rests on
 * that). It lives in CoreNLP's package because the pass it replaces, {@code doInsideScores()}, is
 * package-private; everything else (lexicon, tagging, chart set-up, best-parse extraction) is
 * inherited unchanged.
 *
 * <p>Why the chart is identical: a cell's score for a state after the binary rules is the maximum
 * over all rules and split points of {@code (ruleScore + leftScore) + rightScore}. CoreNLP visits
 * (left state, rule, split) with range pruning; here each split visits only the states that are
 * finite in one child cell (the side with fewer candidate rules) and reads the other child. A
 * maximum of floats does not depend on the visiting order, the expression is evaluated in the same
 * order, no child cell is the cell being filled, and the range pruning only ever skipped -infinity
 * children. The extent bookkeeping (min/max of positions) is order-free too. Unary rules are applied
 * exactly as CoreNLP applies them (state order, in place), because there the order matters.
 *
 * <p>Only the configuration SPICE uses takes the fast path: no length normalisation and no parse
 * constraints (an empty list or null); otherwise CoreNLP's own pass runs.
 */
public final class SparseInsidePCFGParser extends ExhaustivePCFGParser {

    private static final Map<BinaryGrammar, RuleTables> TABLES = new ConcurrentHashMap<>();

    private final RuleTables rules;
    /* Per chart cell [start][end]: the states with a finite inside score; those of them that are
       the left / right child of some binary rule; and how many binary rules have such a state as
       left / right child (to pick the cheaper side per split). */
    private int[][][] finiteStates;
    private int[][][] finiteLefts;
    private int[][][] finiteRights;
    private long[][] leftRuleCount;
    private long[][] rightRuleCount;
    private final int[] scratch;

    SparseInsidePCFGParser(BinaryGrammar bg, UnaryGrammar ug, Lexicon lex, Options op, Index<String> stateIndex,
                           Index<String> wordIndex, Index<String> tagIndex) {
        super(bg, ug, lex, op, stateIndex, wordIndex, tagIndex);
        this.rules = TABLES.computeIfAbsent(bg, g -> new RuleTables(g, ug, stateIndex.size()));
        this.scratch = new int[numStates];
    }

    /**
     * A parser query of {@code parser} whose PCFG parser is this class, or {@code parser}'s own
     * query where the parser is not configured as the plain exhaustive PCFG parser.
     *
     * @throws IllegalStateException if the CoreNLP query's layout is not the one of CoreNLP 3.6.0
     */
    public static LexicalizedParserQuery query(LexicalizedParser parser) {
        LexicalizedParserQuery query = parser.lexicalizedParserQuery();
        Options op = parser.getOp();
        if (!op.doPCFG || op.doDep || op.testOptions.iterativeCKY) {
            return query;
        }
        try {
            Field field = LexicalizedParserQuery.class.getDeclaredField("pparser");
            field.setAccessible(true);
            ExhaustivePCFGParser own = (ExhaustivePCFGParser) field.get(query);
            if (own == null || own.getClass() != ExhaustivePCFGParser.class) {
                return query;
            }
            // the query's own word index (a per-query delta over the grammar's), as CoreNLP wires it
            field.set(query, new SparseInsidePCFGParser(parser.bg, parser.ug, parser.lex, op, parser.stateIndex,
                own.wordIndex, parser.tagIndex));
            return query;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot install the sparse inside pass into CoreNLP's parser query "
                + "(expected CoreNLP 3.6.0)", e);
        }
    }

    private static final java.util.concurrent.atomic.LongAdder SPARSE_PASSES = new java.util.concurrent.atomic.LongAdder();

    /** Inside passes run by this class's own code (not CoreNLP's fallback) in this JVM; for tests. */
    public static long sparsePasses() {
        return SPARSE_PASSES.sum();
    }

    /** Whether {@code query}'s PCFG parser is this class (for tests and logs). */
    public static boolean isInstalled(edu.stanford.nlp.parser.common.ParserQuery query) {
        return query instanceof LexicalizedParserQuery q && q.getPCFGParser() instanceof SparseInsidePCFGParser;
    }

    @Override
    void doInsideScores() {
        // (CoreNLP turns setConstraints(null) into an empty list, which constrains nothing)
        if (op.testOptions.lengthNormalization || (constraints != null && !constraints.isEmpty())) {
            super.doInsideScores();
            return;
        }
        SPARSE_PASSES.increment();
        if (finiteStates == null || finiteStates.length < length + 1) {
            finiteStates = new int[length + 1][length + 1][];
            finiteLefts = new int[length + 1][length + 1][];
            finiteRights = new int[length + 1][length + 1][];
            leftRuleCount = new long[length + 1][length + 1];
            rightRuleCount = new long[length + 1][length + 1];
        }
        for (int i = 0; i <= length; i++) {
            Arrays.fill(finiteStates[i], null);
            Arrays.fill(finiteLefts[i], null);
            Arrays.fill(finiteRights[i], null);
        }
        for (int i = 0; i < length; i++) {
            index(i, i + 1);   // width-1 cells: filled by CoreNLP's chart initialisation
        }
        for (int diff = 2; diff <= length; diff++) {
            if (Thread.interrupted()) {
                throw new RuntimeInterruptedException();
            }
            // same cells as CoreNLP: the boundary symbol only combines with the whole sentence
            for (int start = 0; start < ((diff == length) ? 1 : length - diff); start++) {
                fillCell(start, start + diff);
            }
        }
    }

    private void fillCell(int start, int end) {
        final float[] out = iScore[start][end];
        binaries(start, end, out);
        int[] narrowRExtentStart = narrowRExtent[start];
        int[] wideRExtentStart = wideRExtent[start];
        int[] narrowLExtentEnd = narrowLExtent[end];
        int[] wideLExtentEnd = wideLExtent[end];
        // unary rules: CoreNLP's loop (state order, in-place updates read by later states), over
        // the states that have unary rules at all (the others change nothing)
        for (int state : rules.unaryChildren) {
            float inside = out[state];
            if (inside == Float.NEGATIVE_INFINITY) {
                continue;
            }
            int[] parents = rules.unaryParent[state];
            float[] scores = rules.unaryScore[state];
            for (int i = 0; i < parents.length; i++) {
                int parent = parents[i];
                float total = inside + scores[i];
                float current = out[parent];
                if (total > current) {
                    out[parent] = total;
                    if (current == Float.NEGATIVE_INFINITY) {
                        extend(parent, start, end, narrowRExtentStart, wideRExtentStart, narrowLExtentEnd, wideLExtentEnd);
                    }
                }
            }
        }
        index(start, end);
        int[] finite = finiteStates[start][end];
        for (int state : finite) {
            // idempotent for states the unary loop already extended
            extend(state, start, end, narrowRExtentStart, wideRExtentStart, narrowLExtentEnd, wideLExtentEnd);
        }
    }

    private void binaries(int start, int end, float[] out) {
        final RuleTables r = rules;
        for (int split = start + 1; split < end; split++) {
            int[] lefts = finiteLefts[start][split];
            int[] rights = finiteRights[split][end];
            // cells ending at the boundary (other than the whole sentence) are never built
            if (lefts == null || rights == null || lefts.length == 0 || rights.length == 0) {
                continue;
            }
            float[] leftRow = iScore[start][split];
            float[] rightRow = iScore[split][end];
            if (leftRuleCount[start][split] <= rightRuleCount[split][end]) {
                for (int left : lefts) {
                    float leftScore = leftRow[left];
                    for (int k = r.byLeftStart[left], to = r.byLeftStart[left + 1]; k < to; k++) {
                        float rightScore = rightRow[r.byLeftOther[k]];
                        if (rightScore == Float.NEGATIVE_INFINITY) {
                            continue;
                        }
                        float total = r.byLeftScore[k] + leftScore + rightScore;   // CoreNLP's order: pS + lS + rS
                        int parent = r.byLeftParent[k];
                        if (total > out[parent]) {
                            out[parent] = total;
                        }
                    }
                }
            } else {
                for (int right : rights) {
                    float rightScore = rightRow[right];
                    for (int k = r.byRightStart[right], to = r.byRightStart[right + 1]; k < to; k++) {
                        float leftScore = leftRow[r.byRightOther[k]];
                        if (leftScore == Float.NEGATIVE_INFINITY) {
                            continue;
                        }
                        float total = r.byRightScore[k] + leftScore + rightScore;
                        int parent = r.byRightParent[k];
                        if (total > out[parent]) {
                            out[parent] = total;
                        }
                    }
                }
            }
        }
    }

    /* CoreNLP's extent update for a state that just became finite in [start, end). */
    private static void extend(int state, int start, int end, int[] narrowRExtentStart, int[] wideRExtentStart,
                               int[] narrowLExtentEnd, int[] wideLExtentEnd) {
        if (start > narrowLExtentEnd[state]) {
            narrowLExtentEnd[state] = wideLExtentEnd[state] = start;
        } else if (start < wideLExtentEnd[state]) {
            wideLExtentEnd[state] = start;
        }
        if (end < narrowRExtentStart[state]) {
            narrowRExtentStart[state] = wideRExtentStart[state] = end;
        } else if (end > wideRExtentStart[state]) {
            wideRExtentStart[state] = end;
        }
    }

    private void index(int start, int end) {
        float[] row = iScore[start][end];
        int n = 0;
        for (int state = 0; state < numStates; state++) {
            if (row[state] != Float.NEGATIVE_INFINITY) {
                scratch[n++] = state;
            }
        }
        int[] finite = Arrays.copyOf(scratch, n);
        finiteStates[start][end] = finite;
        long leftRules = 0;
        long rightRules = 0;
        int lefts = 0;
        for (int state : finite) {
            int count = rules.byLeftStart[state + 1] - rules.byLeftStart[state];
            if (count > 0) {
                scratch[lefts++] = state;
                leftRules += count;
            }
        }
        finiteLefts[start][end] = Arrays.copyOf(scratch, lefts);
        int rights = 0;
        for (int state : finite) {
            int count = rules.byRightStart[state + 1] - rules.byRightStart[state];
            if (count > 0) {
                scratch[rights++] = state;
                rightRules += count;
            }
        }
        finiteRights[start][end] = Arrays.copyOf(scratch, rights);
        leftRuleCount[start][end] = leftRules;
        rightRuleCount[start][end] = rightRules;
    }

    /**
     * Every binary rule (both of CoreNLP's split groups) grouped by left child and by right child,
     * each group sorted by the other child for memory locality; closed unary rules by child in
     * CoreNLP's order. Flat primitive arrays, built once per grammar.
     */
    private static final class RuleTables {
        final int[] byLeftStart;
        final int[] byLeftOther;
        final int[] byLeftParent;
        final float[] byLeftScore;
        final int[] byRightStart;
        final int[] byRightOther;
        final int[] byRightParent;
        final float[] byRightScore;
        final int[][] unaryParent;
        final float[][] unaryScore;
        final int[] unaryChildren;

        RuleTables(BinaryGrammar bg, UnaryGrammar ug, int numStates) {
            int total = 0;
            for (int s = 0; s < numStates; s++) {
                total += bg.splitRulesWithLC(s).length + bg.splitRulesWithRC(s).length;
            }
            BinaryRule[] all = new BinaryRule[total];
            int n = 0;
            for (int s = 0; s < numStates; s++) {
                for (BinaryRule rule : bg.splitRulesWithLC(s)) {
                    all[n++] = rule;
                }
                for (BinaryRule rule : bg.splitRulesWithRC(s)) {
                    all[n++] = rule;
                }
            }
            byLeftStart = new int[numStates + 1];
            byLeftOther = new int[total];
            byLeftParent = new int[total];
            byLeftScore = new float[total];
            group(all, numStates, true, byLeftStart, byLeftOther, byLeftParent, byLeftScore);
            byRightStart = new int[numStates + 1];
            byRightOther = new int[total];
            byRightParent = new int[total];
            byRightScore = new float[total];
            group(all, numStates, false, byRightStart, byRightOther, byRightParent, byRightScore);
            unaryParent = new int[numStates][];
            unaryScore = new float[numStates][];
            int[] children = new int[numStates];
            int childCount = 0;
            for (int s = 0; s < numStates; s++) {
                if (ug.closedRulesByChild(s).length > 0) {
                    children[childCount++] = s;
                }
                UnaryRule[] closed = ug.closedRulesByChild(s);
                unaryParent[s] = new int[closed.length];
                unaryScore[s] = new float[closed.length];
                for (int i = 0; i < closed.length; i++) {
                    unaryParent[s][i] = closed[i].parent;
                    unaryScore[s][i] = closed[i].score;
                }
            }
            unaryChildren = Arrays.copyOf(children, childCount);
        }

        private static void group(BinaryRule[] all, int numStates, boolean byLeft, int[] start, int[] other,
                                  int[] parent, float[] score) {
            BinaryRule[] sorted = all.clone();
            java.util.Comparator<BinaryRule> key = byLeft
                ? java.util.Comparator.<BinaryRule>comparingInt(r -> r.leftChild).thenComparingInt(r -> r.rightChild)
                : java.util.Comparator.<BinaryRule>comparingInt(r -> r.rightChild).thenComparingInt(r -> r.leftChild);
            Arrays.sort(sorted, key);
            int k = 0;
            for (int s = 0; s < numStates; s++) {
                start[s] = k;
                while (k < sorted.length && (byLeft ? sorted[k].leftChild : sorted[k].rightChild) == s) {
                    BinaryRule rule = sorted[k];
                    other[k] = byLeft ? rule.rightChild : rule.leftChild;
                    parent[k] = rule.parent;
                    score[k] = rule.score;
                    k++;
                }
            }
            start[numStates] = k;
        }
    }
}
