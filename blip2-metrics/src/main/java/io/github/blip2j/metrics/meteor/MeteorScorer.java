package io.github.blip2j.metrics.meteor;

import io.github.blip2j.metrics.CaptionScorer;
import io.github.blip2j.metrics.MetricScores;
import io.github.blip2j.metrics.Parallelism;
import io.github.blip2j.metrics.TokenizedCorpus;
import io.github.blip2j.metrics.TokenizedImage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link Meteor} as a {@link CaptionScorer}: per image the best-reference statistics, corpus
 * {@code METEOR} from the SUMMED statistics (as coco-caption's Meteor jar reports it), not the mean
 * of the per-image scores.
 */
public final class MeteorScorer implements CaptionScorer<MeteorStats> {

    /** The metric name pycocoevalcap reports. */
    public static final String NAME = "METEOR";

    private final Meteor meteor;
    private final String signature;

    /**
     * @param meteor the configured scorer
     * @param withParaphrases whether {@code meteor} was given a paraphrase table (recorded in the signature)
     */
    public MeteorScorer(Meteor meteor, boolean withParaphrases) {
        this.meteor = Objects.requireNonNull(meteor, "meteor");
        this.signature = "METEOR-1.5[lang=en,norm,alpha=0.85,beta=0.2,gamma=0.6,delta=0.75,weights=1.0/0.6/0.8/0.6,"
                + "paraphrase=" + (withParaphrases ? "table" : "none") + ",corpus=summed_stats,tok=ptb]";
    }

    @Override
    public List<String> metricNames() {
        return List.of(NAME);
    }

    @Override
    public Map<String, String> signatures() {
        return Map.of(NAME, signature);
    }

    @Override
    public MeteorStats imageStats(TokenizedImage image) {
        // Same input cleaning as Meteor.evaluate: '|||' never reaches the aligner from a hypothesis.
        return meteor.stats(image.candidate().replace("|||", ""), image.references());
    }

    @Override
    public MetricScores reduce(TokenizedCorpus corpus, List<MeteorStats> stats, Parallelism parallelism) {
        double[] perImage = new double[stats.size()];
        for (int i = 0; i < perImage.length; i++) {
            perImage[i] = meteor.score(stats.get(i));
        }
        double total = meteor.score(MeteorStats.sum(stats));
        return MetricScores.of(List.of(NAME), new double[] {total}, new double[][] {perImage}, perImage.length);
    }

    /** Whole-corpus path: Meteor's own evaluation shares parsed captions across images. */
    @Override
    public MetricScores score(TokenizedCorpus corpus, Parallelism parallelism) {
        List<TokenizedImage> images = corpus.images();
        List<String> hyps = new ArrayList<>(images.size());
        List<List<String>> refs = new ArrayList<>(images.size());
        for (TokenizedImage image : images) {
            hyps.add(image.candidate());
            refs.add(image.references());
        }
        MeteorResult result = meteor.evaluate(hyps, refs);
        return MetricScores.of(List.of(NAME), new double[] {result.corpusScore()},
                new double[][] {result.imageScores()}, images.size());
    }
}
