package io.github.blip2j.metrics;

import java.util.List;
import java.util.Map;

/**
 * CIDEr-D as pycocoevalcap's {@code Cider()}: TF-IDF vectors of 1..4-grams with document
 * frequencies counted over the reference sets of the evaluated images ({@code idf = log(N) -
 * log(max(1, df))}, so scores depend on the whole set and a one-image set scores 0), clipped
 * cosine similarity {@code sum min(h, r) * r / (|h| |r|)}, a Gaussian length penalty with
 * sigma 6, averaged over orders and references, times 10. Like the reference, the length
 * difference is measured in bigrams, which only differs from words when a caption has at most one
 * word, where the similarity is 0 anyway. Corpus score: numpy mean of the per-image scores.
 */
public final class Cider implements CaptionScorer<CiderStats> {

    static final String NAME = "CIDEr";
    private static final int N = NGramIndex.MAX_ORDER;
    private static final double SIGMA = 6.0;

    @Override
    public List<String> metricNames() {
        return List.of(NAME);
    }

    @Override
    public Map<String, String> signatures() {
        return Map.of(NAME, "CIDEr-D[sigma=6,idf=refs,tok=ptb]");
    }

    @Override
    public CiderStats imageStats(TokenizedImage image) {
        List<EncodedCaption> refs = image.encodedReferences();
        NGramCounts[][] r = new NGramCounts[refs.size()][];
        for (int j = 0; j < r.length; j++) {
            r[j] = counts(refs.get(j));
        }
        return new CiderStats(counts(image.encodedCandidate()), r);
    }

    private static NGramCounts[] counts(EncodedCaption caption) {
        return caption.counts;
    }

    @Override
    public MetricScores reduce(TokenizedCorpus corpus, List<CiderStats> stats, Parallelism parallelism) {
        int images = stats.size();
        int[] df = documentFrequencies(corpus.ngramCount(), stats, parallelism);
        double refLen = Math.log(images);
        // idf = log(N) - log(max(1, df)) and df <= N: one log per possible df value
        double[] idfOfDf = new double[images + 1];
        for (int d = 0; d <= images; d++) {
            idfOfDf[d] = refLen - Math.log(Math.max(1.0, d));
        }
        double[] scores = new double[images];
        parallelism.forRanges(images, 64, (from, to) -> {
            for (int i = from; i < to; i++) {
                scores[i] = imageScore(stats.get(i), df, idfOfDf);
            }
        });
        return MetricScores.of(List.of(NAME), new double[] {NumpyMath.mean(scores)}, new double[][] {scores}, images);
    }

    /** For every n-gram id, the number of images whose reference set contains it. */
    static int[] documentFrequencies(int ngramCount, List<CiderStats> stats, Parallelism parallelism) {
        int parts = Math.min(parallelism.threads(), Math.max(1, stats.size() / 256));
        int[][] partial = new int[parts][];
        parallelism.forRanges(parts, 1, (fromPart, toPart) -> {
            for (int part = fromPart; part < toPart; part++) {
                int from = (int) ((long) stats.size() * part / parts);
                int to = (int) ((long) stats.size() * (part + 1) / parts);
                partial[part] = documentFrequencies(ngramCount, stats, from, to);
            }
        });
        int[] df = partial[0];
        for (int part = 1; part < parts; part++) {
            int[] other = partial[part];
            for (int g = 0; g < ngramCount; g++) {
                df[g] += other[g];
            }
        }
        return df;
    }

    private static int[] documentFrequencies(int ngramCount, List<CiderStats> stats, int from, int to) {
        int[] df = new int[ngramCount];
        int[] lastImage = new int[ngramCount];
        for (int i = from; i < to; i++) {
            int stamp = i + 1;
            for (NGramCounts[] ref : stats.get(i).references) {
                for (NGramCounts order : ref) {
                    for (int g : order.ids) {
                        if (lastImage[g] != stamp) {
                            lastImage[g] = stamp;
                            df[g]++;
                        }
                    }
                }
            }
        }
        return df;
    }

    private static double imageScore(CiderStats s, int[] df, double[] idfOfDf) {
        Vector hyp = new Vector(s.candidate, df, idfOfDf);
        double[] score = new double[N];
        double[] refValues = new double[maxDistinct(s.candidate)];
        for (NGramCounts[] ref : s.references) {
            Vector r = new Vector(ref, df, idfOfDf);
            double delta = hyp.length - r.length;
            double penalty = Math.pow(Math.E, -(delta * delta) / (2 * SIGMA * SIGMA));
            for (int n = 0; n < N; n++) {
                NGramCounts h = s.candidate[n];
                r.valuesAt(n, h, refValues);
                double val = 0.0;
                // in the candidate's first-occurrence order, as Python iterates its dict
                for (int p = 0; p < h.ids.length; p++) {
                    double hv = hyp.values[n][p];
                    double rv = refValues[p];
                    val += Math.min(hv, rv) * rv;
                }
                if (hyp.norm[n] != 0 && r.norm[n] != 0) {
                    val /= hyp.norm[n] * r.norm[n];
                }
                score[n] += val * penalty;
            }
        }
        double mean = 0.0;
        for (int n = 0; n < N; n++) {
            mean += score[n];
        }
        double avg = (0.0 + mean) / N;
        avg /= s.references.length;
        avg *= 10.0;
        return avg;
    }

    private static int maxDistinct(NGramCounts[] counts) {
        int max = 0;
        for (NGramCounts c : counts) {
            max = Math.max(max, c.ids.length);
        }
        return max;
    }

    /** pycocoevalcap's {@code counts2vec}: tf * idf per order, its norms, and the bigram count. */
    private static final class Vector {
        final NGramCounts[] counts;
        final double[][] values;
        final double[] norm = new double[N];
        final int length;

        Vector(NGramCounts[] counts, int[] df, double[] idfOfDf) {
            this.counts = counts;
            this.values = new double[N][];
            for (int n = 0; n < N; n++) {
                NGramCounts c = counts[n];
                double[] v = new double[c.ids.length];
                double sq = 0.0;
                for (int p = 0; p < v.length; p++) {
                    double idf = idfOfDf[df[c.ids[p]]];
                    v[p] = c.counts[p] * idf;
                    sq += v[p] * v[p];
                }
                values[n] = v;
                norm[n] = Math.sqrt(sq);
            }
            this.length = counts[1].total;
        }

        /**
         * For each n-gram of {@code other} (order n+1, first-occurrence order), its value in this
         * vector (0 if absent), written to {@code out}: a merge of the two sorted id lists.
         */
        void valuesAt(int n, NGramCounts other, double[] out) {
            NGramCounts mine = counts[n];
            int q = 0;
            for (int p = 0; p < other.sortedIds.length; p++) {
                int id = other.sortedIds[p];
                while (q < mine.sortedIds.length && mine.sortedIds[q] < id) {
                    q++;
                }
                boolean found = q < mine.sortedIds.length && mine.sortedIds[q] == id;
                out[other.orderOfSorted[p]] = found ? values[n][mine.orderOfSorted[q]] : 0.0;
            }
        }
    }
}
