package io.github.blip2j.metrics.spice;

import io.github.blip2j.metrics.CaptionScorer;
import io.github.blip2j.metrics.MetricScores;
import io.github.blip2j.metrics.NumpyMath;
import io.github.blip2j.metrics.Parallelism;
import io.github.blip2j.metrics.TokenizedCorpus;
import io.github.blip2j.metrics.TokenizedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * SPICE as a {@link CaptionScorer}, computed by a {@link SpiceProvider}: per image {@code SPICE}
 * (= All.f) and the {@code SPICE_detail} categories; corpus {@code SPICE} as pycocoevalcap reports
 * it, the {@code np.mean} of the per-image All F-scores (not a score of summed counts).
 */
public final class SpiceScorer implements CaptionScorer<SpiceImageScore> {

    /** The metric name pycocoevalcap reports. */
    public static final String NAME = "SPICE";

    private final SpiceProvider provider;
    private final Path cacheFile;

    /**
     * @param provider what parses and scores (see {@link SpiceProviders})
     * @param cacheFile file that keeps parses across runs, or null for none
     */
    public SpiceScorer(SpiceProvider provider, Path cacheFile) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.cacheFile = cacheFile;
    }

    @Override
    public List<String> metricNames() {
        return List.of(NAME);
    }

    @Override
    public Map<String, String> signatures() {
        return Map.of(NAME, "SPICE-1.0[corpus=mean_of_image_f,tok=ptb,impl=" + provider.description() + "]");
    }

    /** One image on its own (single-threaded parse); {@link #score} batches the whole corpus. */
    @Override
    public SpiceImageScore imageStats(TokenizedImage image) {
        Map<String, SpiceImageScore> one = provider.score(Map.of(image.imageId(), image.references()),
                Map.of(image.imageId(), image.candidate()), 1, cacheFile);
        return one.get(image.imageId());
    }

    @Override
    public MetricScores reduce(TokenizedCorpus corpus, List<SpiceImageScore> stats, Parallelism parallelism) {
        double[] perImage = new double[stats.size()];
        List<Map<String, io.github.blip2j.metrics.ImageDetail>> details = new ArrayList<>(stats.size());
        for (int i = 0; i < perImage.length; i++) {
            perImage[i] = stats.get(i).spice();
            details.add(Map.of(SpiceImageScore.DETAIL_NAME, stats.get(i)));
        }
        MetricScores scores = MetricScores.of(List.of(NAME), new double[] {NumpyMath.mean(perImage)},
                new double[][] {perImage}, perImage.length);
        return scores.withDetails(details);
    }

    /** Whole-corpus path: every distinct caption parsed once, on {@code parallelism}'s thread count. */
    @Override
    public MetricScores score(TokenizedCorpus corpus, Parallelism parallelism) {
        // keyed by position: a corpus built with TokenizedCorpus.of may repeat an image id
        List<TokenizedImage> images = corpus.images();
        Map<String, List<String>> references = new LinkedHashMap<>();
        Map<String, String> candidates = new LinkedHashMap<>();
        for (int i = 0; i < images.size(); i++) {
            references.put(Integer.toString(i), images.get(i).references());
            candidates.put(Integer.toString(i), images.get(i).candidate());
        }
        Map<String, SpiceImageScore> scored = provider.score(references, candidates, parallelism.threads(), cacheFile);
        List<SpiceImageScore> stats = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            SpiceImageScore s = scored.get(Integer.toString(i));
            if (s == null) {
                throw new IllegalStateException("SPICE provider " + provider.description()
                        + " returned no score for image " + images.get(i).imageId());
            }
            stats.add(s);
        }
        return reduce(corpus, stats, parallelism);
    }
}
