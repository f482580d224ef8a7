package io.github.blip2j.metrics;

import java.util.List;
import java.util.Map;

/**
 * ROUGE-L as pycocoevalcap's {@code Rouge()}: tokens are {@code split(" ")} of the tokenized
 * caption (so an empty caption is one empty token and scores 1.0 against an empty reference),
 * {@code P = max LCS/|cand|} and {@code R = max LCS/|ref|} over the references independently,
 * {@code F = (1 + b^2) P R / (R + b^2 P)} with {@code b = 1.2}; the corpus score is the mean of
 * the per-image F (numpy's summation order).
 */
public final class RougeL implements CaptionScorer<RougeLStats> {

    static final String NAME = "ROUGE_L";
    private static final double BETA = 1.2;

    @Override
    public List<String> metricNames() {
        return List.of(NAME);
    }

    @Override
    public Map<String, String> signatures() {
        return Map.of(NAME, "ROUGE-L[beta=1.2,tokens=split_space,tok=ptb]");
    }

    @Override
    public RougeLStats imageStats(TokenizedImage image) {
        int[] cand = image.encodedCandidate().spaceTokens;
        double precision = 0;
        double recall = 0;
        int[] row = new int[cand.length + 1];
        for (EncodedCaption ref : image.encodedReferences()) {
            int[] r = ref.spaceTokens;
            int lcs = lcs(r, cand, row);
            precision = Math.max(precision, lcs / (double) cand.length);
            recall = Math.max(recall, lcs / (double) r.length);
        }
        double b2 = BETA * BETA;
        double f = precision != 0 && recall != 0
                ? ((1 + b2) * precision * recall) / (recall + b2 * precision)
                : 0.0;
        return new RougeLStats(precision, recall, f);
    }

    /** Length of the longest common subsequence; {@code row} has {@code b.length + 1} slots. */
    static int lcs(int[] a, int[] b, int[] row) {
        java.util.Arrays.fill(row, 0);
        for (int x : a) {
            int diagonal = 0;
            for (int j = 1; j <= b.length; j++) {
                int above = row[j];
                row[j] = x == b[j - 1] ? diagonal + 1 : Math.max(above, row[j - 1]);
                diagonal = above;
            }
        }
        return row[b.length];
    }

    @Override
    public MetricScores reduce(TokenizedCorpus corpus, List<RougeLStats> stats, Parallelism parallelism) {
        double[] f = new double[stats.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = stats.get(i).f();
        }
        return MetricScores.of(List.of(NAME), new double[] {NumpyMath.mean(f)}, new double[][] {f}, f.length);
    }
}
