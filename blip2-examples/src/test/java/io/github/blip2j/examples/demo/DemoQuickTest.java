package io.github.blip2j.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.blip2j.examples.Blip2Cli;
import io.github.blip2j.examples.eval.CaptionFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code blip2 demo --quick} end to end, as CI runs it: every stage leaves its files, the report
 * has every strategy before and after with every metric and error rate, the captions files are
 * what {@code blip2 eval} reads, and training lowered the loss. (Learning itself is the full run's
 * job: the quick model is too small and too briefly trained to caption well.)
 */
class DemoQuickTest {

    @TempDir
    static Path tmp;
    static Path out;
    static int code;
    static String console;
    static JsonNode report;

    @BeforeAll
    static void runDemo() throws IOException {
        out = tmp.resolve("demo");
        StringWriter text = new StringWriter();
        CommandLine cli = new CommandLine(new Blip2Cli());
        cli.setOut(new PrintWriter(text));
        code = cli.execute("demo", "--quick", "--out", out.toString());
        console = text.toString();
        report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    }

    @Test
    void everyStageLeftItsFiles() {
        assertThat(code).as(console).isZero();
        assertThat(out.resolve("data/Flickr8k.token.txt")).isRegularFile();
        assertThat(out.resolve("data/objects.json")).isRegularFile();
        assertThat(out.resolve("model-init/config.json")).isRegularFile();
        assertThat(out.resolve("model-init/tokenizer.json")).isRegularFile();
        assertThat(out.resolve("run/train-log.jsonl")).isRegularFile();
        assertThat(out.resolve("run/model/model.safetensors")).isRegularFile();
        assertThat(out.resolve("report.html")).isRegularFile();
    }

    @Test
    void consoleShowsStagesProgressTableAndBars() {
        assertThat(console).contains("1/6", "6/6", "training:", "[####", "CIDEr", "object_recall", "beam5",
                "topk50_t0.8", "topp0.9_t0.7", "object_hallucination_rate after training", "report.html");
    }

    @Test
    void reportHasEveryStrategyBeforeAndAfterWithEveryScore() {
        List<String> strategies = new ArrayList<>();
        report.get("strategies").fieldNames().forEachRemaining(strategies::add);
        assertThat(strategies).containsExactly("beam5", "topk50_t0.8", "topp0.9_t0.7");
        for (String s : strategies) {
            for (String phase : List.of("before", "after")) {
                JsonNode scores = report.get("strategies").get(s).get(phase);
                assertThat(scores).as(s + " " + phase).isNotNull();
                for (String name : List.of("Bleu_1", "Bleu_4", "METEOR", "ROUGE_L", "CIDEr", "Distinct_1", "Distinct_2",
                        "SelfBLEU_4", "object_recall", "object_hallucination_rate", "hallucination_rate",
                        "omission_rate", "repetition_rate", "elements_ge3_rate")) {
                    assertThat(scores.get(name)).as(s + " " + phase + " " + name).isNotNull();
                    assertThat(scores.get(name).isNumber()).as(s + " " + phase + " " + name).isTrue();
                }
            }
        }
        assertThat(report.get("gallery")).hasSize(DemoSettings.quick(out, 42).galleryImages());
    }

    @Test
    void captionFilesAreWhatBlip2EvalReads() {
        for (String s : List.of("beam5", "topk50_t0.8", "topp0.9_t0.7")) {
            for (String phase : List.of("before", "after")) {
                Map<String, String> captions = CaptionFiles.readPredictions(out.resolve("captions/" + s + "-" + phase + ".json"));
                JsonNode details = report.get("details").get(s).get(phase).get("captions");
                assertThat(captions).hasSize(details.size());
                captions.forEach((id, c) -> assertThat(details.get(id).asText()).isEqualTo(c));
            }
        }
    }

    @Test
    void trainingLoweredTheLoss() {
        JsonNode loss = report.get("training").get("loss");
        assertThat(loss.size()).isGreaterThan(5);
        double first = loss.get(0).get("loss").asDouble();
        double last = 0;
        for (int i = loss.size() - 3; i < loss.size(); i++) {
            last += loss.get(i).get("loss").asDouble() / 3;
        }
        assertThat(last).isLessThan(first - 0.5);
    }
}
