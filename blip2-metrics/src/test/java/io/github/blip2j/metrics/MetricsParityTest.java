package io.github.blip2j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Corpus and per-image scores of both fixture sets equal what pycocoevalcap (and the fixtures'
 * Distinct-n / Self-BLEU definitions) produced, within 1e-9 absolute.
 */
class MetricsParityTest {

    private static final double TOLERANCE = 1e-9;
    /** Metrics other modules provide. */
    private static final Set<String> NOT_HERE = Set.of("METEOR_noparaphrase", "SPICE");

    private static MetricReport evaluate(Fixture f) {
        // predictions in a hash map: only the order of the references matters
        return CaptionMetrics.builder().bleu(4).rougeL().cider().distinct(1, 2).selfBleu(4).build()
                .evaluate(new HashMap<>(f.predictions()), f.references());
    }

    @ParameterizedTest
    @ValueSource(strings = {"hand10", "coco500"})
    void corpusScoresMatch(String set) {
        Fixture f = Fixture.load(set);
        MetricReport report = evaluate(f);
        int compared = 0;
        for (Map.Entry<String, Double> e : f.expectedCorpus().entrySet()) {
            if (NOT_HERE.contains(e.getKey())) {
                continue;
            }
            assertThat(report.corpus(e.getKey())).as("%s corpus %s", set, e.getKey()).isCloseTo(e.getValue(), within(TOLERANCE));
            compared++;
        }
        assertThat(compared).isEqualTo(11);
        assertThat(report.corpus().keySet()).containsExactly("Bleu_1", "Bleu_2", "Bleu_3", "Bleu_4", "ROUGE_L",
                "CIDEr", "Distinct_1", "Distinct_2", "SelfBLEU_2", "SelfBLEU_3", "SelfBLEU_4");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hand10", "coco500"})
    void perImageScoresMatch(String set) {
        Fixture f = Fixture.load(set);
        MetricReport report = evaluate(f);
        Map<String, Map<String, Double>> expected = f.expectedPerImage();
        assertThat(report.perImage().keySet()).containsExactlyElementsOf(expected.keySet());
        List<String> deviations = new ArrayList<>();
        int compared = 0;
        for (Map.Entry<String, Map<String, Double>> image : expected.entrySet()) {
            Map<String, Double> got = report.perImage().get(image.getKey());
            for (Map.Entry<String, Double> metric : image.getValue().entrySet()) {
                if (NOT_HERE.contains(metric.getKey())) {
                    continue;
                }
                Double value = got.get(metric.getKey());
                compared++;
                if (value == null || Math.abs(value - metric.getValue()) > TOLERANCE) {
                    deviations.add(image.getKey() + " " + metric.getKey() + ": got " + value + ", expected " + metric.getValue());
                }
            }
        }
        assertThat(compared).isEqualTo(expected.size() * 9);
        assertThat(deviations).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void scoresDoNotDependOnThreadCount(int threads) {
        Fixture f = Fixture.load("coco500");
        MetricReport many = CaptionMetrics.builder().bleu().rougeL().cider().distinct().selfBleu().threads(threads)
                .build().evaluate(f.predictions(), f.references());
        assertThat(many.toJson()).isEqualTo(evaluate(f).toJson());
    }
}
