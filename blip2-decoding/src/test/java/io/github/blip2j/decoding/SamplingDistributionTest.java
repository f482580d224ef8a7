package io.github.blip2j.decoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Draws 40,000 first tokens from fixed logits under each warper and checks, against a plain
 * sort-based transcription of HF's warpers: tokens outside the kept set never appear, and the
 * counts of the kept tokens fit the renormalised probabilities (chi-square, p = 0.001, fixed seed).
 */
class SamplingDistributionTest {

    private static final int DRAWS = 40_000;
    private static final float[] LOGITS = {2.0f, 1.6f, 1.5f, 0.9f, 0.4f, 0.0f, -0.3f, -0.8f, -1.5f, -2.5f, -6f, -9f};
    /** Chi-square critical values at p = 0.001 for 1..11 degrees of freedom. */
    private static final double[] CRITICAL = {10.83, 13.82, 16.27, 18.47, 20.52, 22.46, 24.32, 26.12, 27.88, 29.59,
        31.26};

    static List<Arguments> warpers() {
        List<Arguments> out = new ArrayList<>();
        out.add(Arguments.of("temperature 0.7", GenerationConfig.builder().temperature(0.7).topK(0),
                (Function<double[], double[]>) x -> scale(x, 0.7)));
        out.add(Arguments.of("temperature 1.8", GenerationConfig.builder().temperature(1.8).topK(0),
                (Function<double[], double[]>) x -> scale(x, 1.8)));
        out.add(Arguments.of("top_k 4", GenerationConfig.builder().topK(4),
                (Function<double[], double[]>) x -> topK(x, 4)));
        out.add(Arguments.of("top_p 0.8", GenerationConfig.builder().topK(0).topP(0.8),
                (Function<double[], double[]>) x -> topP(x, 0.8)));
        out.add(Arguments.of("top_p 0.35", GenerationConfig.builder().topK(0).topP(0.35),
                (Function<double[], double[]>) x -> topP(x, 0.35)));
        out.add(Arguments.of("typical_p 0.6", GenerationConfig.builder().topK(0).typicalP(0.6),
                (Function<double[], double[]>) x -> typical(x, 0.6)));
        out.add(Arguments.of("typical_p 0.9", GenerationConfig.builder().topK(0).typicalP(0.9),
                (Function<double[], double[]>) x -> typical(x, 0.9)));
        out.add(Arguments.of("min_p 0.2", GenerationConfig.builder().topK(0).minP(0.2),
                (Function<double[], double[]>) x -> minP(x, 0.2)));
        out.add(Arguments.of("HF defaults (top_k 50 > vocab)", GenerationConfig.builder(),
                (Function<double[], double[]>) x -> x));
        out.add(Arguments.of("temperature 1.5, top_k 6, top_p 0.9, min_p 0.05", GenerationConfig.builder()
                .temperature(1.5).topK(6).topP(0.9).minP(0.05),
                (Function<double[], double[]>) x -> minP(topP(topK(scale(x, 1.5), 6), 0.9), 0.05)));
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("warpers")
    void keepsExactlyTheRightTokensWithRenormalisedProbabilities(String name, GenerationConfig.Builder cfg,
            Function<double[], double[]> reference) {
        double[] warped = reference.apply(toDouble(LOGITS));
        double[] expected = softmax(warped);

        int vocab = LOGITS.length;
        NextTokenModel constant = new NextTokenModel() {
            @Override
            public int vocabSize() {
                return vocab;
            }

            @Override
            public void nextLogits(int[] lastTokens, float[] logits) {
                for (int r = 0; r < lastTokens.length; r++) {
                    System.arraycopy(LOGITS, 0, logits, r * vocab, vocab);
                }
            }

            @Override
            public void selectRows(int[] rows) {}
        };
        Sampling sampling = Sampling.of(cfg.maxNewTokens(1).seed(20240701L).build());
        GenerationResult out = sampling.generate(constant, new int[DRAWS]);
        long[] counts = new long[vocab];
        for (int b = 0; b < DRAWS; b++) {
            counts[out.best(b).token(0)]++;
        }
        double chi2 = 0;
        int bins = 0;
        double tailExpected = 0;
        long tailCount = 0;
        for (int t = 0; t < vocab; t++) {
            if (expected[t] == 0) {
                assertThat(counts[t]).as("%s: token %d is outside the kept set", name, t).isZero();
                continue;
            }
            double e = expected[t] * DRAWS;
            if (e < 5) {
                // Rare tokens share one bin so that every bin expects at least a few draws.
                tailExpected += e;
                tailCount += counts[t];
            } else {
                bins++;
                chi2 += (counts[t] - e) * (counts[t] - e) / e;
            }
        }
        if (tailExpected > 0) {
            bins++;
            chi2 += (tailCount - tailExpected) * (tailCount - tailExpected) / tailExpected;
        }
        assertThat(bins).as("bins").isGreaterThan(1);
        assertThat(chi2).as("%s: chi-square of %s against %s", name, Arrays.toString(counts), Arrays.toString(expected))
                .isLessThan(CRITICAL[bins - 2]);
    }

    private static double[] toDouble(float[] x) {
        return IntStream.range(0, x.length).mapToDouble(i -> x[i]).toArray();
    }

    private static double[] softmax(double[] x) {
        double m = Arrays.stream(x).max().orElseThrow();
        double[] p = Arrays.stream(x).map(v -> Math.exp(v - m)).toArray();
        double s = Arrays.stream(p).sum();
        return Arrays.stream(p).map(v -> v / s).toArray();
    }

    private static Integer[] order(double[] x, boolean ascending) {
        Integer[] idx = IntStream.range(0, x.length).boxed().toArray(Integer[]::new);
        Comparator<Integer> c = Comparator.comparingDouble(i -> x[i]);
        Arrays.sort(idx, ascending ? c : c.reversed());
        return idx;
    }

    static double[] scale(double[] x, double temperature) {
        return Arrays.stream(x).map(v -> v / temperature).toArray();
    }

    static double[] topK(double[] x, int k) {
        double kth = x[order(x, false)[k - 1]];
        return Arrays.stream(x).map(v -> v < kth ? Double.NEGATIVE_INFINITY : v).toArray();
    }

    /** HF TopPLogitsWarper: ascending sort, cumulative softmax, drop cumulative <= 1 - p, keep the top one. */
    static double[] topP(double[] x, double p) {
        Integer[] asc = order(x, true);
        double[] probs = softmax(x);
        double[] out = x.clone();
        double cum = 0;
        for (int r = 0; r < asc.length; r++) {
            cum += probs[asc[r]];
            if (cum <= 1 - p && r < asc.length - 1) {
                out[asc[r]] = Double.NEGATIVE_INFINITY;
            }
        }
        return out;
    }

    /** HF TypicalLogitsWarper. */
    static double[] typical(double[] x, double mass) {
        double[] p = softmax(x);
        double ent = 0;
        for (double v : p) {
            if (v > 0) {
                ent -= v * Math.log(v);
            }
        }
        double[] shifted = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            shifted[i] = p[i] > 0 ? Math.abs(-Math.log(p[i]) - ent) : Double.POSITIVE_INFINITY;
        }
        Integer[] asc = order(shifted, true);
        double cum = 0;
        int lastInd = 0;
        for (int r = 0; r < asc.length; r++) {
            cum += p[asc[r]];
            if (cum < mass) {
                lastInd = r + 1;
            }
        }
        lastInd = Math.min(lastInd, x.length - 1);
        double threshold = shifted[asc[lastInd]];
        double[] out = x.clone();
        for (int i = 0; i < x.length; i++) {
            if (shifted[i] > threshold) {
                out[i] = Double.NEGATIVE_INFINITY;
            }
        }
        return out;
    }

    /** HF MinPLogitsWarper. */
    static double[] minP(double[] x, double minP) {
        double[] p = softmax(x);
        double top = Arrays.stream(p).max().orElseThrow();
        double[] out = x.clone();
        for (int i = 0; i < x.length; i++) {
            if (p[i] < minP * top) {
                out[i] = Double.NEGATIVE_INFINITY;
            }
        }
        return out;
    }
}
