package io.github.blip2j.examples.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.blip2j.examples.eval.EvalCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The report scores with the metrics {@code blip2 eval} reports by default plus SPICE, with the same values. */
class MetricSuiteTest {

    @TempDir
    Path tmp;

    @Test
    void sameMetricNamesAndValuesAsBlip2Eval() throws IOException {
        Path refs = Files.writeString(tmp.resolve("refs.txt"), """
                a.png#0\ta red circle above a blue square
                a.png#1\ta red circle and a blue square
                b.png#0\ta green star in the middle
                b.png#1\tone small green star on a grey background
                """);
        Path preds = Files.writeString(tmp.resolve("preds.json"),
                "[{\"image_id\": \"a.png\", \"caption\": \"a red circle\"}, {\"image_id\": \"b.png\", \"caption\": \"a green star\"}]");
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new EvalCommand());
        cli.setOut(new PrintWriter(out));
        int code = cli.execute("--predictions", preds.toString(), "--references", refs.toString(), "--json");
        assertThat(code).isZero();
        JsonNode corpus = new ObjectMapper().readTree(out.toString()).get("corpus");
        List<String> evalNames = new ArrayList<>();
        corpus.fieldNames().forEachRemaining(evalNames::add);
        assertThat(MetricSuite.all().metricNames()).isEqualTo(evalNames);

        // The report adds SPICE (blip2-spice is on the CLI's class path): same values as eval asked for it.
        StringWriter withSpice = new StringWriter();
        CommandLine cli2 = new CommandLine(new EvalCommand());
        cli2.setOut(new PrintWriter(withSpice));
        assertThat(cli2.execute("--predictions", preds.toString(), "--references", refs.toString(), "--json",
                "--metrics", "bleu,meteor,rouge,cider,distinct,selfbleu,spice")).isZero();
        corpus = new ObjectMapper().readTree(withSpice.toString()).get("corpus");
        evalNames.add("SPICE");
        assertThat(MetricSuite.report().metricNames()).isEqualTo(evalNames);

        StrategyRun run = new ReportEvaluator().evaluate(PredictionsFile.read(preds),
                io.github.blip2j.examples.eval.CaptionFiles.readReferences(refs), null);
        assertThat(run.scores().get("SPICE")).as("SPICE").isPositive();
        for (String name : evalNames) {
            assertThat(run.scores().get(name)).as(name).isEqualTo(corpus.get(name).asDouble());
        }
        assertThat(run.scores()).doesNotContainKeys("object_recall", "object_hallucination_rate")
                .containsKeys("hallucination_rate", "omission_rate", "repetition_rate", "elements_ge3_rate");
    }
}
