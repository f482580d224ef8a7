package io.github.blip2j.spice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.blip2j.metrics.CaptionMetrics;
import io.github.blip2j.metrics.MetricReport;
import io.github.blip2j.metrics.TokenizedCorpus;
import io.github.blip2j.metrics.spice.SpiceCategory;
import io.github.blip2j.metrics.spice.SpiceCategoryScore;
import io.github.blip2j.metrics.spice.SpiceImageScore;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * {@code CaptionMetrics.builder().spice()} end to end, with this module on the class path: raw
 * hand10 captions through blip2-metrics' PTB tokenizer, and a coco500 subset from its tokenized
 * captions, against what SPICE 1.0 produced through pycocoevalcap (per-image values re-paired as
 * {@link SpiceFixture} explains). Two threads, as {@link SpiceParityTest}, so the two tests share
 * the provider's parses.
 */
class CaptionMetricsSpiceParityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void hand10FromRawCaptions() throws IOException {
        Map<String, List<String>> references = new LinkedHashMap<>();
        JsonNode annotations = resource("/spice/hand10-raw/annotations.json");
        annotations.get("images").forEach(i -> references.put(i.get("id").asText(), new ArrayList<>()));
        annotations.get("annotations").forEach(a -> references.get(a.get("image_id").asText()).add(a.get("caption").asText()));
        Map<String, String> predictions = new LinkedHashMap<>();
        resource("/spice/hand10-raw/results.json").forEach(r -> predictions.put(r.get("image_id").asText(), r.get("caption").asText()));

        MetricReport report = CaptionMetrics.builder().bleu().spice().threads(2).build().evaluate(predictions, references);

        SpiceFixture fx = SpiceFixture.load("hand10");
        assertThat(report.corpus("SPICE")).isCloseTo(fx.corpusSpice(), within(1e-3));
        assertThat(report.corpus("SPICE")).isCloseTo(0.22418451697904715, within(1e-12));
        assertMatches(fx, report);
        assertThat(report.corpus()).containsKeys("Bleu_4", "SPICE");

        JsonNode json = JSON.readTree(report.toJson());
        assertThat(json.get("corpus").get("SPICE").asDouble()).isEqualTo(report.corpus("SPICE"));
        SpiceFixture.Image first = fx.images().get(0);
        JsonNode detail = json.get("per_image").get(first.id()).get("SPICE_detail");
        for (SpiceCategory c : SpiceCategory.values()) {
            for (String field : List.of("pr", "re", "f", "tp", "fp", "fn")) {
                double want = first.expected(c, field);
                JsonNode got = detail.get(c.jsonName()).get(field);
                if (Double.isNaN(want)) {
                    assertThat(got.isNull()).as("%s.%s", c.jsonName(), field).isTrue();
                } else {
                    assertThat(got.asDouble()).as("%s.%s", c.jsonName(), field).isEqualTo(want);
                }
            }
            assertThat(detail.get(c.jsonName()).get("numImages").asDouble()).isEqualTo(1.0);
        }
    }

    @Test
    void coco500SubsetFromTokenizedCaptions() {
        SpiceFixture fx = SpiceFixture.coco500ShortSubset();
        List<String> ids = new ArrayList<>();
        List<String> candidates = new ArrayList<>();
        List<List<String>> references = new ArrayList<>();
        for (SpiceFixture.Image img : fx.images()) {
            ids.add(img.id());
            candidates.add(img.candidate());
            references.add(img.refs());
        }
        MetricReport report = CaptionMetrics.builder().spice().threads(2).build()
            .score(TokenizedCorpus.of(ids, candidates, references));
        assertMatches(fx, report);
        double mean = fx.images().stream().mapToDouble(SpiceFixture.Image::spice).average().orElseThrow();
        assertThat(report.corpus("SPICE")).isCloseTo(mean, within(1e-12));
    }

    private static void assertMatches(SpiceFixture fx, MetricReport report) {
        SoftAssertions soft = new SoftAssertions();
        assertThat(report.spiceDetail()).hasSize(fx.images().size());
        for (SpiceFixture.Image img : fx.images()) {
            soft.assertThat(report.perImage().get(img.id()).get("SPICE")).as("image %s SPICE", img.id())
                .isCloseTo(img.spice(), within(1e-3));
            SpiceImageScore detail = report.spiceDetail().get(img.id());
            for (SpiceCategory c : SpiceCategory.values()) {
                SpiceCategoryScore s = detail.get(c);
                soft.assertThat(new int[] {s.truePositives(), s.falsePositives(), s.falseNegatives()})
                    .as("image %s %s tp/fp/fn", img.id(), c.jsonName())
                    .containsExactly((int) img.expected(c, "tp"), (int) img.expected(c, "fp"), (int) img.expected(c, "fn"));
                double[] got = {s.precision(), s.recall(), s.f()};
                String[] fields = {"pr", "re", "f"};
                for (int k = 0; k < fields.length; k++) {
                    double want = img.expected(c, fields[k]);
                    if (Double.isNaN(want)) {
                        soft.assertThat(got[k]).as("image %s %s.%s", img.id(), c.jsonName(), fields[k]).isNaN();
                    } else {
                        soft.assertThat(got[k]).as("image %s %s.%s", img.id(), c.jsonName(), fields[k])
                            .isCloseTo(want, within(1e-12));
                    }
                }
            }
        }
        soft.assertAll();
    }

    private static JsonNode resource(String path) throws IOException {
        try (InputStream in = CaptionMetricsSpiceParityTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return JSON.readTree(in);
        }
    }
}
