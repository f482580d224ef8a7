package io.github.blip2j.examples.caption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.blip2j.examples.Blip2Cli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code blip2 caption} in-process on the tiny fixture model: output format, manifests with
 * per-image prompts, unreadable images, exit codes. Expected ids and scores are Hugging Face's
 * (expected.json of the fixture).
 */
class CaptionCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIR = fixture();
    private static final JsonNode GENERATE = readExpected().get("generate");

    private static Path fixture() {
        try {
            return Path.of(CaptionCommandTest.class.getResource("/blip2-tiny-t5/config.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readExpected() {
        try {
            return JSON.readTree(DIR.resolve("expected.json").toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    record Run(int code, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("caption"));
        all.addAll(Arrays.asList(args));
        int code = new CommandLine(new Blip2Cli()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    /** HF's row without the leading token, cut after eos. */
    private static List<Integer> ids(String caseName, int row) {
        JsonNode seq = GENERATE.get(caseName).get("sequences").get(row);
        List<Integer> out = new ArrayList<>();
        for (int i = 1; i < seq.size(); i++) {
            out.add(seq.get(i).asInt());
            if (seq.get(i).asInt() == 1) {
                break;
            }
        }
        return out;
    }

    private static List<Integer> ids(JsonNode tokenIds) {
        List<Integer> out = new ArrayList<>();
        tokenIds.forEach(n -> out.add(n.asInt()));
        return out;
    }

    /** The fixture tokenizer spells id i as "w<i>"; eos is special and skipped. */
    private static String words(List<Integer> ids) {
        return ids.stream().filter(i -> i != 1).map(i -> "w" + i).collect(Collectors.joining(" "));
    }

    private static String image(int i) {
        return DIR.resolve("image_" + i + ".png").toString();
    }

    @Test
    void jsonHasOneObjectPerImageWithHuggingFacesIdsAndScores() throws IOException {
        Run r = run("--model", DIR.toString(), "--num-beams", "3", "--max-new-tokens", "12", "--threads", "1", "--json",
                image(0), image(1));
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode arr = r.json();
        assertThat(arr.isArray()).isTrue();
        assertThat(arr).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode o = arr.get(i);
            assertThat(o.get("image").asText()).isEqualTo(image(i));
            assertThat(ids(o.get("token_ids"))).isEqualTo(ids("beam3_no_prompt", i));
            assertThat(o.get("caption").asText()).isEqualTo(words(ids("beam3_no_prompt", i)));
            assertThat(o.get("score").asDouble())
                    .isCloseTo(GENERATE.get("beam3_no_prompt").get("sequences_scores").get(i).asDouble(), within(1e-5));
        }
    }

    @Test
    void manifestPromptsShareOnePaddedBatchAndEverySequenceIsListed(@TempDir Path tmp) throws IOException {
        Files.copy(DIR.resolve("image_0.png"), tmp.resolve("a.png"));
        Files.copy(DIR.resolve("image_1.png"), tmp.resolve("b.png"));
        Path manifest = Files.writeString(tmp.resolve("list.jsonl"), """
                {"image": "a.png", "prompt": "w37 w52 w9 w101 w77"}

                {"image": "b.png", "prompt": "w64 w15 w88", "id": 7}
                """);
        Run r = run("--model", DIR.toString(), "--num-beams", "3", "--num-return-sequences", "3",
                "--max-new-tokens", "12", "--batch-size", "2", "--json", "--manifest", manifest.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode arr = r.json();
        JsonNode c = GENERATE.get("beam3_prompt_return3");
        assertThat(arr).hasSize(6);
        for (int row = 0; row < 6; row++) {
            JsonNode o = arr.get(row);
            assertThat(o.get("image").asText()).isEqualTo(row < 3 ? "a.png" : "b.png");
            assertThat(ids(o.get("token_ids"))).as("row %d", row).isEqualTo(ids("beam3_prompt_return3", row));
            assertThat(o.get("score").asDouble()).isCloseTo(c.get("sequences_scores").get(row).asDouble(), within(1e-5));
        }
    }

    @Test
    void globalPromptAppliesToImagesWithoutTheirOwn(@TempDir Path tmp) throws IOException {
        Path manifest = Files.writeString(tmp.resolve("m.jsonl"),
                "{\"image\": \"" + image(0) + "\"}\n{\"image\": \"" + image(1) + "\", \"prompt\": \"w64 w15 w88\"}\n");
        Run r = run("--model", DIR.toString(), "--max-new-tokens", "12", "--prompt", "w37 w52 w9 w101 w77",
                "--manifest", manifest.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String[] lines = r.out().strip().split("\n");
        assertThat(lines).containsExactly(image(0) + "\t" + words(ids("greedy_prompt", 0)),
                image(1) + "\t" + words(ids("greedy_prompt", 1)));
    }

    @Test
    void unreadableImagesAreReportedAndTheRestCaptioned(@TempDir Path tmp) throws IOException {
        Path broken = Files.writeString(tmp.resolve("broken.png"), "not an image");
        Path missing = tmp.resolve("missing.png");
        Run r = run("--model", DIR.toString(), "--max-new-tokens", "12", "--batch-size", "2", "--json",
                image(0), missing.toString(), broken.toString(), image(1));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains(missing.toString()).contains(broken.toString());
        JsonNode arr = r.json();
        assertThat(arr).hasSize(2);
        assertThat(arr.get(0).get("image").asText()).isEqualTo(image(0));
        assertThat(ids(arr.get(0).get("token_ids"))).isEqualTo(ids("greedy_no_prompt", 0));
        assertThat(arr.get(1).get("image").asText()).isEqualTo(image(1));
        assertThat(ids(arr.get(1).get("token_ids"))).isEqualTo(ids("greedy_no_prompt", 1));
    }

    @Test
    void badArgumentsExitWithTwoAndSayWhy(@TempDir Path tmp) throws IOException {
        String model = DIR.toString();
        assertThat(run("--model", model, "--top-p", "1.5", image(0))).satisfies(r -> {
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("--top-p = 1.5").contains("(0, 1]");
        });
        assertThat(run("--model", model, "--num-return-sequences", "2", image(0))).satisfies(r -> {
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("--num-return-sequences = 2");
        });
        assertThat(run("--model", model, "--num-beams", "two", image(0)).code()).isEqualTo(2);
        assertThat(run("--model", model, "--batch-size", "0", image(0)).code()).isEqualTo(2);
        assertThat(run("--model", model, "--threads", "0", image(0))).satisfies(r -> {
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("--threads = 0").contains("1..1024");
        });
        assertThat(run(image(0)).err()).contains("--model");
        assertThat(run(image(0)).code()).isEqualTo(2);
        assertThat(run("--model", model).err()).contains("no images");
        Path manifest = Files.writeString(tmp.resolve("m.jsonl"), "{\"image\": \"" + image(0) + "\"}\n{\"prompt\": \"x\"}\n");
        assertThat(run("--model", model, "--manifest", manifest.toString(), image(0)).code()).isEqualTo(2);
        assertThat(run("--model", model, "--manifest", manifest.toString())).satisfies(r -> {
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains(manifest + ":2").contains("\"image\"");
        });
    }

    @Test
    void missingModelExitsWithOne(@TempDir Path tmp) {
        Run r = run("--model", tmp.resolve("nothing-here").toString(), image(0));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("nothing-here");
    }

    @Test
    void defaultThreadCountLeavesBusyCoresAlone() {
        assertThat(CaptionCommand.autoThreads(2, 0.1)).isEqualTo(2);
        assertThat(CaptionCommand.autoThreads(2, 1.6)).isEqualTo(1);
        assertThat(CaptionCommand.autoThreads(2, 5.0)).isEqualTo(1);
        assertThat(CaptionCommand.autoThreads(16, 3.2)).isEqualTo(13);
        assertThat(CaptionCommand.autoThreads(8, -1)).as("load unknown").isEqualTo(8);
    }
}
