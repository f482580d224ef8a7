package io.github.blip2j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code CaptionMetrics.builder().meteor()} reproduces the fixtures' {@code METEOR_noparaphrase}
 * (Meteor 1.5 without a paraphrase table) end to end, from raw captions through the PTB tokenizer.
 */
class CaptionMetricsMeteorTest {

    private static final double TOLERANCE = 1e-4;

    @ParameterizedTest
    @ValueSource(strings = {"hand10", "coco500"})
    void meteorMatchesTheReferenceCorpusAndPerImage(String set) {
        Fixture f = Fixture.load(set);
        MetricReport report = CaptionMetrics.builder().meteor().build()
                .evaluate(new HashMap<>(f.predictions()), f.references());

        assertThat(report.corpus("METEOR")).isCloseTo(f.expectedCorpus().get("METEOR_noparaphrase"), within(TOLERANCE));
        int compared = 0;
        for (Map.Entry<String, Map<String, Double>> image : f.expectedPerImage().entrySet()) {
            double expected = image.getValue().get("METEOR_noparaphrase");
            assertThat(report.perImage().get(image.getKey()).get("METEOR"))
                    .as("%s image %s", set, image.getKey()).isCloseTo(expected, within(TOLERANCE));
            compared++;
        }
        assertThat(compared).isEqualTo(f.expectedPerImage().size()).isPositive();
        assertThat(report.signatures().get("METEOR")).startsWith("METEOR-1.5[").contains("paraphrase=none");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hand10"})
    void perImageStatisticsPathAgreesWithTheCorpusPath(String set) {
        Fixture f = Fixture.load(set);
        CaptionTokenizer ptb = CaptionTokenizer.ptb();
        java.util.List<String> ids = new java.util.ArrayList<>(f.references().keySet());
        java.util.List<String> cands = new java.util.ArrayList<>();
        java.util.List<java.util.List<String>> refs = new java.util.ArrayList<>();
        for (String id : ids) {
            cands.add(ptb.tokenize(f.predictions().get(id)));
            refs.add(ptb.tokenizeAll(f.references().get(id)));
        }
        TokenizedCorpus corpus = TokenizedCorpus.of(ids, cands, refs);
        io.github.blip2j.metrics.meteor.MeteorScorer scorer = new io.github.blip2j.metrics.meteor.MeteorScorer(
                io.github.blip2j.metrics.meteor.Meteor.builder().build(), false);
        MetricScores whole = scorer.score(corpus, Parallelism.threads(1));
        java.util.List<io.github.blip2j.metrics.meteor.MeteorStats> stats = new java.util.ArrayList<>();
        for (TokenizedImage image : corpus.images()) {
            stats.add(scorer.imageStats(image));
        }
        MetricScores reduced = scorer.reduce(corpus, stats, Parallelism.threads(1));
        assertThat(reduced.corpus().get("METEOR")).isCloseTo(whole.corpus().get("METEOR"), within(1e-12));
        for (int i = 0; i < stats.size(); i++) {
            assertThat(reduced.perImage().get(i).get("METEOR")).isCloseTo(whole.perImage().get(i).get("METEOR"), within(1e-12));
        }
    }
}
