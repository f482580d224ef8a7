package io.github.blip2j.examples.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.blip2j.examples.Blip2Cli;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code blip2 train} in-process on the tiny fixture model: a short run, a resume, and exit code 2 on bad input. */
class TrainCommandTest {

    @TempDir
    static Path tmp;
    static Path csv;
    static Path images;
    static final Path MODEL = fixture();

    private static Path fixture() {
        try {
            return Path.of(TrainCommandTest.class.getResource("/blip2-tiny-t5/config.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void data() throws IOException {
        images = Files.createDirectories(tmp.resolve("images"));
        Random r = new Random(5);
        StringBuilder s = new StringBuilder("image,caption\n");
        for (int i = 0; i < 6; i++) {
            BufferedImage img = new BufferedImage(36, 36, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 36; y++) {
                for (int x = 0; x < 36; x++) {
                    img.setRGB(x, y, r.nextInt(0xFFFFFF));
                }
            }
            ImageIO.write(img, "png", images.resolve("im" + i + ".png").toFile());
            s.append("im").append(i).append(".png,w").append(10 + i).append(" w").append(20 + i).append(" w7\n");
            s.append("im").append(i).append(".png,w").append(30 + i).append(" w7\n");
        }
        csv = Files.writeString(tmp.resolve("captions.csv"), s);
    }

    record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("train"));
        all.addAll(Arrays.asList(args));
        CommandLine cli = new CommandLine(new Blip2Cli());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private static String[] args(Path out, String... extra) {
        return args(out, csv, extra);
    }

    private static String[] args(Path out, Path data, String... extra) {
        List<String> a = new ArrayList<>(List.of("--model", MODEL.toString(), "--data", data.toString(), "--images",
                images.toString(), "--out", out.toString(), "--batch-size", "4", "--lr", "1e-3", "--epochs", "1",
                "--val-fraction", "0.34", "--checkpoint-every", "1"));
        a.addAll(Arrays.asList(extra));
        return a.toArray(String[]::new);
    }

    @Test
    void trainsExportsAndResumesAfterADamagedCheckpoint() throws IOException {
        Path out = tmp.resolve("run");
        Run r = run(args(out));
        assertThat(r.code()).as(r.err()).isZero();
        // 4 training images x 2 captions, batch 4: 2 steps.
        assertThat(Files.readAllLines(out.resolve("train-log.jsonl"))).hasSize(2);
        JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertThat(metrics.path("best").path("metrics").has("CIDEr")).isTrue();
        assertThat(metrics.path("best").path("metrics").has("Bleu_4")).isTrue();
        byte[] exported = Files.readAllBytes(out.resolve("model/model.safetensors"));
        assertThat(out.resolve("model/config.json")).exists();
        assertThat(out.resolve("model/tokenizer.json")).exists();

        // As after kill -9 while writing the last checkpoint: a temporary folder, a damaged newest
        // checkpoint, no export. --resume goes back to the intact step-1 checkpoint.
        Path checkpoints = out.resolve("checkpoints");
        Path newest;
        try (var dirs = Files.list(checkpoints)) {
            newest = dirs.filter(d -> d.getFileName().toString().startsWith("step-")).sorted().reduce((a, b) -> b)
                    .orElseThrow();
        }
        Files.write(newest.resolve("trainable.safetensors"), new byte[] {0, 1, 2});
        Files.createDirectories(checkpoints.resolve(".tmp-step-00000003-99"));
        deleteTree(out.resolve("model"));
        Run resumed = run(args(out, "--resume"));
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(Files.readAllBytes(out.resolve("model/model.safetensors"))).isEqualTo(exported);
        assertThat(Files.readAllLines(out.resolve("train-log.jsonl"))).hasSize(2);

        Run again = run(args(out));
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("resume");
    }

    @Test
    void scheduleAndLengthGroupingReachTheRunsSettings() throws IOException {
        Path out = tmp.resolve("grouped");
        Run r = run(args(out, "--group-by-length", "--schedule", "linear", "--warmup", "1"));
        assertThat(r.code()).as(r.err()).isZero();
        Path checkpoint;
        try (var s = Files.list(out.resolve("checkpoints"))) {
            checkpoint = s.filter(p -> p.getFileName().toString().startsWith("step-")).sorted().reduce((a, b) -> b)
                    .orElseThrow();
        }
        JsonNode settings = new ObjectMapper().readTree(checkpoint.resolve("state.json").toFile()).path("settings");
        assertThat(settings.path("schedule").asText()).isEqualTo("LINEAR/1");
        assertThat(settings.path("group_by_length").asBoolean()).isTrue();
    }

    @Test
    void badArgumentsAndDataExitWithCode2AndAPreciseMessage() throws IOException {
        Run missing = run(args(tmp.resolve("x"), tmp.resolve("nope.csv")));
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.csv");
        Run trainable = run(args(tmp.resolve("y"), "--trainable", "everything"));
        assertThat(trainable.code()).isEqualTo(2);
        assertThat(trainable.err()).contains("qformer, qformer+vision, all, lora");
        Run schedule = run(args(tmp.resolve("v"), "--schedule", "step"));
        assertThat(schedule.code()).isEqualTo(2);
        assertThat(schedule.err()).contains("schedule must be cosine, linear or constant, got 'step'");
        Run accum = run(args(tmp.resolve("z"), "--grad-accum", "0"));
        assertThat(accum.code()).isEqualTo(2);
        assertThat(accum.err()).contains("gradientAccumulation must be in 1..4096, got 0");
        Path badCsv = Files.writeString(tmp.resolve("bad.csv"), "image,caption\nmissing.png,w3 w4\n");
        Run badData = run(args(tmp.resolve("w"), badCsv));
        assertThat(badData.code()).isEqualTo(2);
        assertThat(badData.err()).contains("missing.png");
        Run unknown = run("--model", "m");
        assertThat(unknown.code()).isEqualTo(2);
    }

    private static void deleteTree(Path p) throws IOException {
        try (var walk = Files.walk(p)) {
            for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
