package io.github.blip2j.metrics.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorAnalyzerTest {

    private static Map<String, String> predictions() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("img1", "a large red circle above a small blue square");
        p.put("img2", "a green star and a green star and a green star");
        p.put("img3", "a yellow triangle");
        return p;
    }

    private static Map<String, List<String>> references() {
        return Map.of(
                "img1", List.of("a red circle above a blue square", "a large red circle and a small blue square",
                        "two shapes: a red circle and a blue square"),
                "img2", List.of("a green star", "one green star", "a small green star"),
                "img3", List.of("a purple triangle and a white circle", "a triangle and a circle",
                        "a purple triangle left of a white circle"));
    }

    private static Map<String, List<GroundTruthObject>> objects() {
        return Map.of(
                "img1", List.of(GroundTruthObject.of("red", "circle", "large"), GroundTruthObject.of("blue", "square", "small")),
                "img2", List.of(GroundTruthObject.of("green", "star", "small")),
                "img3", List.of(GroundTruthObject.of("purple", "triangle", "large"), GroundTruthObject.of("white", "circle", "small")));
    }

    @Test
    void corpusRatesAreSumsOverCaptions() {
        ErrorAnalysis a = ErrorAnalyzer.builder().build().analyze(predictions(), references(), objects());
        ErrorCounts c = a.counts();
        assertThat(c.objects()).isEqualTo(5);
        assertThat(c.recalledObjects()).isEqualTo(3);
        assertThat(c.mentions()).isEqualTo(6);
        assertThat(c.falseMentions()).isEqualTo(3); // two extra green stars + yellow triangle (colour error)
        assertThat(a.rates().objectRecall()).isCloseTo(0.6, within(1e-12));
        assertThat(a.rates().objectHallucinationRate()).isCloseTo(0.5, within(1e-12));
        assertThat(a.rates().repetitionRate()).isCloseTo(1.0 / 3, within(1e-12));
        // img3 omits circle (3 of 3 references); img1 and img2 omit nothing salient.
        assertThat(a.labels("img3").references().omitted()).containsExactly("circle");
        assertThat(a.rates().omissionRate()).isCloseTo(1.0 / c.salientNouns(), within(1e-12));
        assertThat(a.rates().hallucinationRate()).isEqualTo(0.0);
        assertThat(a.rates().toMap()).containsOnlyKeys("object_recall", "object_hallucination_rate",
                "hallucination_rate", "omission_rate", "repetition_rate", "elements_ge3_rate");
        assertThat(a.captions().keySet()).containsExactly("img1", "img2", "img3");
        assertThat(a.labels("img2").hasErrors()).isTrue();
    }

    @Test
    void withoutObjectsOnlyReferenceRatesAreReported() {
        ErrorAnalysis a = ErrorAnalyzer.builder().build().analyze(predictions(), references());
        assertThat(a.rates().objectRecall()).isNull();
        assertThat(a.rates().toMap()).containsOnlyKeys("hallucination_rate", "omission_rate", "repetition_rate",
                "elements_ge3_rate");
        assertThat(a.labels("img1").objectLabels()).isEmpty();
        assertThat(a.toJson()).doesNotContain("object_recall");
    }

    @Test
    void toJsonHoldsRatesCountsAndLabels() {
        ErrorAnalysis a = ErrorAnalyzer.builder().build().analyze(predictions(), references(), objects());
        String json = a.toJson();
        assertThat(json).startsWith("{\"rates\": {\"object_recall\": 0.6, \"object_hallucination_rate\": 0.5, ")
                .contains("\"counts\": {\"captions\": 3, ")
                .contains("\"image_id\": \"img3\"")
                .contains("\"attribute_errors\": [\"colour: said yellow triangle, is purple triangle\"]")
                .contains("\"repeated_ngrams\": [\"a green star and a green star\"]");
        assertThat(json.chars().filter(ch -> ch == '{').count()).isEqualTo(json.chars().filter(ch -> ch == '}').count());
    }

    @Test
    void missingReferencesOrObjectsNameTheImage() {
        Map<String, List<String>> refs = new LinkedHashMap<>(references());
        refs.remove("img2");
        assertThatThrownBy(() -> ErrorAnalyzer.builder().build().analyze(predictions(), refs))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'img2'");
        Map<String, List<GroundTruthObject>> objs = new LinkedHashMap<>(objects());
        objs.remove("img3");
        assertThatThrownBy(() -> ErrorAnalyzer.builder().build().analyze(predictions(), references(), objs))
                .hasMessageContaining("'img3'").hasMessageContaining("objects");
    }

    @Test
    void builderValidatesEagerly() {
        assertThatThrownBy(() -> ErrorAnalyzer.builder().omissionMinReferences(0))
                .hasMessageContaining("omissionMinReferences").hasMessageContaining("0").hasMessageContaining("1..100");
        assertThatThrownBy(() -> ErrorAnalyzer.builder().repetitionMinNgram(1))
                .hasMessageContaining("repetitionMinNgram").hasMessageContaining("2..20");
    }

    @Test
    void emptyCorpusHasZeroRates() {
        ErrorAnalysis a = ErrorAnalyzer.builder().build().analyze(Map.of(), Map.of(), Map.of());
        assertThat(a.rates().hallucinationRate()).isEqualTo(0.0);
        assertThat(a.rates().objectRecall()).isEqualTo(1.0);
    }

    @Test
    void jsonEscapesAndNumbers() {
        assertThat(Json.string("a \"q\" \\ \n\u0001")).isEqualTo("\"a \\\"q\\\" \\\\ \\n\\u0001\"");
        assertThat(Json.number(Double.NaN)).isEqualTo("null");
        assertThat(Json.number(1)).isEqualTo("1.0");
        assertThat(Json.number(0.25)).isEqualTo("0.25");
    }
}
