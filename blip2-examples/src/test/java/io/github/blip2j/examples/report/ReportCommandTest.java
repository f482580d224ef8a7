package io.github.blip2j.examples.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.blip2j.examples.Blip2Cli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code blip2 report} on the files a real run has: a Flickr8k token file, an image folder, prediction files. */
class ReportCommandTest {

    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    private static Run blip2(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Blip2Cli());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void writesBothFilesForSeveralStrategiesAndPhases() throws IOException {
        ReportFixture f = new ReportFixture(tmp.resolve("data"), 8);
        StringBuilder tsv = new StringBuilder();
        f.good.forEach((id, c) -> tsv.append("photos/").append(id).append('\t').append(c).append('\n'));
        Path goodFile = Files.writeString(tmp.resolve("beam.tsv"), tsv);
        Path badFile = tmp.resolve("bad.json");
        new ObjectMapper().writeValue(badFile.toFile(), f.bad);
        Path runDir = Files.createDirectories(tmp.resolve("run"));
        Files.writeString(runDir.resolve("train-log.jsonl"), "{\"step\":1,\"loss\":3.5}\n{\"step\":2,\"loss\":2.5}\n");
        Path out = tmp.resolve("report");

        Run r = blip2("report", "--predictions", "beam5=" + goodFile, "--predictions", "beam5@before=" + badFile,
                "--predictions", badFile.toString(), "--references", f.data.tokenFile().toString(),
                "--images", f.data.imageDir().toString(), "--objects", f.data.objectsFile().toString(),
                "--train-log", runDir.toString(), "--gallery", "5", "--out", out.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("CIDEr", "object_recall", "beam5", "bad", "report.html");
        JsonNode json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(json.get("strategies").get("beam5").get("after").get("object_recall").asDouble()).isEqualTo(1.0);
        assertThat(json.get("strategies").get("beam5").get("before").get("object_recall").asDouble()).isLessThan(1.0);
        assertThat(json.get("strategies").get("bad").has("after")).isTrue();
        assertThat(json.get("gallery")).hasSize(5);
        assertThat(json.get("training").get("loss")).hasSize(2);
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("id=\"metrics-table\"", "id=\"loss-curve\"", "data:image/png;base64,");
    }

    @Test
    void withoutObjectsOnlyReferenceBasedRatesAreReported() throws IOException {
        ReportFixture f = new ReportFixture(tmp.resolve("data"), 3);
        Path preds = tmp.resolve("p.json");
        new ObjectMapper().writeValue(preds.toFile(), f.good);
        Path out = tmp.resolve("r");
        Run r = blip2("report", "--predictions", preds.toString(), "--references", f.data.tokenFile().toString(),
                "--images", f.data.imageDir().toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode after = new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("strategies").get("p")
                .get("after");
        assertThat(after.has("object_recall")).isFalse();
        assertThat(after.has("hallucination_rate")).isTrue();
    }

    @Test
    void badInputExitsWithTwoAndNamesTheProblem() throws IOException {
        ReportFixture f = new ReportFixture(tmp.resolve("data"), 2);
        Path preds = tmp.resolve("p.json");
        new ObjectMapper().writeValue(preds.toFile(), Map.of("unknown.png", "a red circle"));
        Run r = blip2("report", "--predictions", preds.toString(), "--references", f.data.tokenFile().toString(),
                "--images", f.data.imageDir().toString(), "--out", tmp.resolve("r").toString());
        assertThat(r.code()).isEqualTo(ReportCommand.BAD_INPUT);
        assertThat(r.err()).contains("unknown.png").contains("no reference captions");
        assertThat(tmp.resolve("r/report.html")).doesNotExist();

        Run missing = blip2("report", "--predictions", tmp.resolve("nope.json").toString(), "--references",
                f.data.tokenFile().toString(), "--images", f.data.imageDir().toString());
        assertThat(missing.code()).isEqualTo(ReportCommand.BAD_INPUT);
        assertThat(missing.err()).contains("nope.json");
    }
}
