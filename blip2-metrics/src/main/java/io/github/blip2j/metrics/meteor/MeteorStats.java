package io.github.blip2j.metrics.meteor;

import java.util.Arrays;
import java.util.Objects;

/**
 * Meteor's sufficient statistics for one hypothesis (against its best reference) or, summed,
 * for a whole corpus: the 23 numbers of Meteor 1.5's statistics line.
 *
 * <p>Order of {@link #values()}: hypothesis length, reference length, hypothesis function
 * words, reference function words; then for each module (exact, stem, synonym, paraphrase)
 * hypothesis content-word matches, reference content-word matches, hypothesis function-word
 * matches, reference function-word matches; then chunks, hypothesis word matches, reference
 * word matches. Lengths and matches count words.
 *
 * <p>Summing ({@link #plus}, {@link #sum}) adds every field, except that the chunk count of a
 * <em>perfect</em> match (every word of both sides matched, one chunk) is left out, as Meteor's
 * corpus aggregation does; a perfect match has no fragmentation penalty anyway. The corpus
 * score is the score of the summed statistics, not the mean of per-image scores. Immutable.
 */
public final class MeteorStats {

    /** Number of values in a statistics line. */
    public static final int SIZE = 23;
    /** Number of matching modules (exact, stem, synonym, paraphrase). */
    public static final int MODULES = 4;

    /** All zeros: the neutral element of {@link #plus}. */
    public static final MeteorStats ZERO = new MeteorStats(new double[SIZE]);

    private static final int CHUNKS = 20;

    private final double[] v;

    private MeteorStats(double[] values) {
        this.v = values;
    }

    /**
     * Statistics from the 23 values in Meteor's order.
     *
     * @throws IllegalArgumentException if there are not 23 values or one is negative or not finite
     */
    public static MeteorStats of(double... values) {
        Objects.requireNonNull(values, "values");
        if (values.length != SIZE) {
            throw new IllegalArgumentException("MeteorStats needs " + SIZE + " values, got " + values.length);
        }
        for (int i = 0; i < SIZE; i++) {
            if (!(values[i] >= 0) || Double.isInfinite(values[i])) {
                throw new IllegalArgumentException("MeteorStats value " + i + " must be a finite count >= 0, got " + values[i]);
            }
        }
        return new MeteorStats(values.clone());
    }

    /**
     * Parses a statistics line as Meteor 1.5 prints it ({@code SCORE} output of {@code -stdio}):
     * 23 whitespace-separated numbers.
     */
    public static MeteorStats parse(String line) {
        Objects.requireNonNull(line, "line");
        String[] parts = line.trim().split("\\s+");
        if (parts.length != SIZE) {
            throw new IllegalArgumentException("Meteor statistics line needs " + SIZE + " numbers, got "
                    + parts.length + ": '" + line + "'");
        }
        double[] values = new double[SIZE];
        for (int i = 0; i < SIZE; i++) {
            try {
                values[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Meteor statistics line, field " + i + ": not a number: '" + parts[i] + "'", e);
            }
        }
        return of(values);
    }

    /** Statistics of one aligned pair; counts per module are indexed exact, stem, synonym, paraphrase. */
    static MeteorStats ofAlignment(int testLength, int referenceLength, int testFunctionWords,
                                   int referenceFunctionWords, int[] testContent, int[] referenceContent,
                                   int[] testFunction, int[] referenceFunction, int chunks) {
        double[] values = new double[SIZE];
        values[0] = testLength;
        values[1] = referenceLength;
        values[2] = testFunctionWords;
        values[3] = referenceFunctionWords;
        double testWords = 0;
        double referenceWords = 0;
        for (int m = 0; m < MODULES; m++) {
            values[4 + 4 * m] = testContent[m];
            values[5 + 4 * m] = referenceContent[m];
            values[6 + 4 * m] = testFunction[m];
            values[7 + 4 * m] = referenceFunction[m];
            testWords += testContent[m] + testFunction[m];
            referenceWords += referenceContent[m] + referenceFunction[m];
        }
        values[CHUNKS] = chunks;
        values[21] = testWords;
        values[22] = referenceWords;
        return new MeteorStats(values);
    }

    /** The 23 values in Meteor's order (a copy). */
    public double[] values() {
        return v.clone();
    }

    /** Value {@code i} in Meteor's order. */
    public double value(int i) {
        return v[i];
    }

    public double testLength() {
        return v[0];
    }

    public double referenceLength() {
        return v[1];
    }

    public double testFunctionWords() {
        return v[2];
    }

    public double referenceFunctionWords() {
        return v[3];
    }

    /** Hypothesis content-word matches made by {@code module} (0 exact, 1 stem, 2 synonym, 3 paraphrase). */
    public double testContentMatches(int module) {
        return v[4 + 4 * checkModule(module)];
    }

    public double referenceContentMatches(int module) {
        return v[5 + 4 * checkModule(module)];
    }

    public double testFunctionMatches(int module) {
        return v[6 + 4 * checkModule(module)];
    }

    public double referenceFunctionMatches(int module) {
        return v[7 + 4 * checkModule(module)];
    }

    public double chunks() {
        return v[CHUNKS];
    }

    public double testWordMatches() {
        return v[21];
    }

    public double referenceWordMatches() {
        return v[22];
    }

    /** Hypothesis words matched by any module (content + function). */
    public double testTotalMatches() {
        double total = 0;
        for (int m = 0; m < MODULES; m++) {
            total += v[4 + 4 * m] + v[6 + 4 * m];
        }
        return total;
    }

    /** Reference words matched by any module (content + function). */
    public double referenceTotalMatches() {
        double total = 0;
        for (int m = 0; m < MODULES; m++) {
            total += v[5 + 4 * m] + v[7 + 4 * m];
        }
        return total;
    }

    /** Every word of both sides matched, in a single chunk (no fragmentation penalty). */
    public boolean isPerfectMatch() {
        return testTotalMatches() == testLength() && referenceTotalMatches() == referenceLength() && chunks() == 1.0;
    }

    /** Field-wise sum; the chunks of an operand that is a perfect match are not added (Meteor's aggregation). */
    public MeteorStats plus(MeteorStats other) {
        Objects.requireNonNull(other, "other");
        double[] sum = new double[SIZE];
        for (int i = 0; i < SIZE; i++) {
            sum[i] = v[i] + other.v[i];
        }
        sum[CHUNKS] = countedChunks() + other.countedChunks();
        return new MeteorStats(sum);
    }

    /** Corpus statistics: {@link #plus} over all items ({@link #ZERO} for none). */
    public static MeteorStats sum(Iterable<MeteorStats> stats) {
        double[] sum = new double[SIZE];
        for (MeteorStats s : stats) {
            for (int i = 0; i < SIZE; i++) {
                sum[i] += i == CHUNKS ? s.countedChunks() : s.v[i];
            }
        }
        return new MeteorStats(sum);
    }

    private double countedChunks() {
        return isPerfectMatch() ? 0.0 : v[CHUNKS];
    }

    private static int checkModule(int module) {
        if (module < 0 || module >= MODULES) {
            throw new IllegalArgumentException("module must be in [0, 3] (exact, stem, synonym, paraphrase), got " + module);
        }
        return module;
    }

    /** Meteor's statistics line: the 23 values as Java doubles, space-separated. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(SIZE * 5);
        for (int i = 0; i < SIZE; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(v[i]);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MeteorStats && Arrays.equals(v, ((MeteorStats) o).v);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(v);
    }
}
