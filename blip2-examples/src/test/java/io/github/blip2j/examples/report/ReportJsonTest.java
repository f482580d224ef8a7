package io.github.blip2j.examples.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.json has the shape the issue specifies and every number the report shows. */
class ReportJsonTest {

    @TempDir
    static Path tmp;
    static ReportData report;
    static JsonNode json;

    @BeforeAll
    static void write() throws IOException {
        report = new ReportFixture(tmp.resolve("data"), 6).report(4);
        ReportJson.write(report, tmp.resolve("report.json"));
        json = new ObjectMapper().readTree(tmp.resolve("report.json").toFile());
    }

    @Test
    void strategiesHoldBeforeAndAfterObjectsOfScores() {
        JsonNode good = json.get("strategies").get("good");
        assertThat(names(good)).containsExactly("before", "after");
        assertThat(names(json.get("strategies").get("bad"))).containsExactly("after");
        List<String> scores = names(good.get("after"));
        assertThat(scores).startsWith("Bleu_1", "Bleu_2", "Bleu_3", "Bleu_4", "METEOR", "ROUGE_L", "CIDEr")
                .endsWith("object_recall", "object_hallucination_rate", "hallucination_rate", "omission_rate",
                        "repetition_rate", "elements_ge3_rate");
        for (String name : scores) {
            double expected = report.runs().get("good").get(Phase.AFTER).scores().get(name);
            assertThat(good.get("after").get(name).asDouble()).as(name).isEqualTo(expected);
        }
        assertThat(good.get("after").get("object_recall").asDouble()).isEqualTo(1.0);
        assertThat(good.get("before").get("object_recall").asDouble()).isLessThan(1.0);
    }

    @Test
    void detailsCarryCaptionsPerImageScoresAndErrorLabels() {
        JsonNode d = json.get("details").get("bad").get("after");
        String id = report.references().keySet().iterator().next();
        assertThat(d.get("captions").get(id).asText()).isEqualTo(report.runs().get("bad").get(Phase.AFTER)
                .predictions().get(id));
        assertThat(d.get("per_image").get(id).has("CIDEr")).isTrue();
        assertThat(d.get("signatures").get("CIDEr").asText()).startsWith("CIDEr-D");
        JsonNode firstCaption = d.get("errors").get("captions").get(0);
        assertThat(firstCaption.get("image_id").asText()).isEqualTo(id);
        assertThat(firstCaption.get("objects").get("hallucinated").toString()).contains("purple cross");
    }

    @Test
    void trainingCurveAndGalleryAreThere() {
        assertThat(json.get("training").get("loss")).hasSize(3);
        assertThat(json.get("training").get("validation").get(0).get("loss").asDouble()).isEqualTo(2.7);
        assertThat(json.get("gallery")).hasSize(4);
        assertThat(json.get("metrics")).hasSize(report.scoreNames().size());
        assertThat(json.get("info").get("images").asInt()).isEqualTo(6);
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
