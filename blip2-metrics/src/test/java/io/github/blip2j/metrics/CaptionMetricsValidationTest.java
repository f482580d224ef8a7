package io.github.blip2j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad input fails fast with a message naming the image and the problem; builders check eagerly. */
class CaptionMetricsValidationTest {

    private static final CaptionMetrics METRICS = CaptionMetrics.builder().bleu().rougeL().cider().build();

    private static Map<String, List<String>> refs(Object... idAndCaptions) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < idAndCaptions.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> captions = (List<String>) idAndCaptions[i + 1];
            m.put((String) idAndCaptions[i], captions);
        }
        return m;
    }

    @Test
    void predictionWithoutReferences() {
        assertThatThrownBy(() -> METRICS.evaluate(Map.of("1", "a dog", "2", "a cat"), refs("1", List.of("a dog"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("image 2: has a prediction but no references");
    }

    @Test
    void referencesWithoutPrediction() {
        assertThatThrownBy(() -> METRICS.evaluate(Map.of("1", "a dog"), refs("1", List.of("a dog"), "7", List.of("a cat"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("image 7: has references but no prediction");
    }

    @Test
    void emptyReferenceList() {
        assertThatThrownBy(() -> METRICS.evaluate(Map.of("1", "a dog"), refs("1", List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("image 1: empty reference list");
    }

    @Test
    void nullCaptions() {
        Map<String, String> preds = new HashMap<>();
        preds.put("1", null);
        assertThatThrownBy(() -> METRICS.evaluate(preds, refs("1", List.of("a dog"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("image 1: prediction caption is null");
        assertThatThrownBy(() -> METRICS.evaluate(Map.of("1", "x"), refs("1", Arrays.asList("a dog", null))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("image 1: reference caption 1 is null");
        assertThatThrownBy(() -> METRICS.evaluate(Map.of("1", "x"), refs("1", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("image 1: empty reference list");
    }

    @Test
    void emptyStringsAreLegal() {
        MetricReport r = METRICS.evaluate(Map.of("1", "", "2", "a cat"), refs("1", List.of("", "a dog"), "2", List.of("a cat")));
        assertThat(r.perImage().get("1")).containsEntry("Bleu_1", 0.0);
        // ROUGE-L splits on " ": an empty candidate is one empty token, matching the empty reference
        assertThat(r.perImage().get("1").get("ROUGE_L")).isEqualTo(1.0);
    }

    @Test
    void emptyEvaluationHasNaNMeansLikeNumpy() {
        MetricReport r = METRICS.evaluate(Map.of(), Map.of());
        assertThat(r.perImage()).isEmpty();
        assertThat(r.corpus("ROUGE_L")).isNaN();
        assertThat(r.toJson()).contains("\"ROUGE_L\":null");
    }

    @Test
    void builderChecksEveryArgumentAtOnce() {
        assertThatThrownBy(() -> CaptionMetrics.builder().bleu(0)).hasMessage("bleu n must be in 1..4, got 0");
        assertThatThrownBy(() -> CaptionMetrics.builder().bleu(5)).hasMessage("bleu n must be in 1..4, got 5");
        org.assertj.core.api.Assertions.assertThatCode(() -> CaptionMetrics.builder().distinct()).doesNotThrowAnyException();
        assertThatThrownBy(() -> CaptionMetrics.builder().distinct(new int[0])).hasMessage("distinct needs at least one order, got none");
        assertThatThrownBy(() -> CaptionMetrics.builder().distinct(1, 1)).hasMessage("distinct order 1 given twice in [1, 1]");
        assertThatThrownBy(() -> CaptionMetrics.builder().distinct(5)).hasMessage("distinct order must be in 1..4, got 5");
        assertThatThrownBy(() -> CaptionMetrics.builder().selfBleu(1)).hasMessage("selfBleu maxOrder must be in 2..4, got 1");
        assertThatThrownBy(() -> CaptionMetrics.builder().threads(0)).hasMessage("threads must be >= 1, got 0");
        assertThatThrownBy(() -> CaptionMetrics.builder().cider().cider())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metric CIDEr is already configured");
        assertThatThrownBy(() -> CaptionMetrics.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("no metric chosen");
    }

    @Test
    void extensionScorersPlugIn() {
        CaptionScorer<Integer> length = new CaptionScorer<>() {
            @Override
            public List<String> metricNames() {
                return List.of("Length");
            }

            @Override
            public Map<String, String> signatures() {
                return Map.of("Length", "Length[words,tok=ptb]");
            }

            @Override
            public Integer imageStats(TokenizedImage image) {
                return image.candidate().isEmpty() ? 0 : image.candidate().split(" ").length;
            }

            @Override
            public MetricScores reduce(TokenizedCorpus corpus, List<Integer> stats, Parallelism parallelism) {
                double[] per = stats.stream().mapToDouble(Integer::doubleValue).toArray();
                return MetricScores.of(metricNames(), new double[] {Arrays.stream(per).sum()}, new double[][] {per}, per.length);
            }
        };
        MetricReport r = CaptionMetrics.builder().bleu(1).add(length).build()
                .evaluate(Map.of("1", "A dog, running!"), refs("1", List.of("a dog")));
        assertThat(r.corpus()).containsKeys("Bleu_1", "Length");
        assertThat(r.corpus("Length")).isEqualTo(3.0); // "a dog running": the scorer sees PTB tokens
        assertThat(r.signatures()).containsEntry("Length", "Length[words,tok=ptb]");
        assertThat(r.perImage().get("1")).containsEntry("Length", 3.0);
    }

    @Test
    void unknownMetricInReportIsAnError() {
        MetricReport r = METRICS.evaluate(Map.of("1", "a"), refs("1", new ArrayList<>(List.of("a"))));
        assertThatThrownBy(() -> r.corpus("SPICE")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no metric SPICE");
    }
}
