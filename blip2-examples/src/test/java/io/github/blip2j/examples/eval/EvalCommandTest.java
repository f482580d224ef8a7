package io.github.blip2j.examples.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.blip2j.examples.Blip2Cli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** {@code blip2 eval} run in-process, as {@code java -jar blip2.jar eval ...} would run it. */
class EvalCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Blip2Cli());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Path resource(String path) {
        try {
            return Path.of(EvalCommandTest.class.getResource("/eval/" + path).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hand10", "coco500"})
    void jsonReproducesTheReferenceCorpusScores(String set) throws IOException {
        Run r = run("eval", "--predictions", resource(set + "/results.json").toString(),
                "--references", resource(set + "/annotations.json").toString(), "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().strip().lines()).hasSize(1);
        JsonNode report = JSON.readTree(r.out());
        assertThat(report.fieldNames()).toIterable().containsExactly("corpus", "per_image", "signatures");
        JsonNode expected = JSON.readTree(resource(set + "/expected.json").toFile());
        int compared = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.get("corpus").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("SPICE")) {
                continue;
            }
            if (e.getKey().equals("METEOR_noparaphrase")) {
                // METEOR is reported under pycocoevalcap's name; the fixture ran it without paraphrases, as we do.
                assertThat(report.get("corpus").get("METEOR").asDouble()).as("METEOR")
                        .isCloseTo(e.getValue().asDouble(), within(1e-4));
                compared++;
                continue;
            }
            assertThat(report.get("corpus").get(e.getKey()).asDouble()).as(e.getKey())
                    .isCloseTo(e.getValue().asDouble(), within(1e-9));
            compared++;
        }
        assertThat(compared).isEqualTo(7);
        for (String extra : new String[] {"Distinct_1", "Distinct_2"}) {
            assertThat(report.get("corpus").get(extra).asDouble())
                    .isCloseTo(expected.get("extras").get("distinct").get(extra).asDouble(), within(1e-9));
        }
        for (String extra : new String[] {"SelfBLEU_2", "SelfBLEU_3", "SelfBLEU_4"}) {
            assertThat(report.get("corpus").get(extra).asDouble())
                    .isCloseTo(expected.get("extras").get("self_bleu").get(extra).asDouble(), within(1e-9));
        }
        assertThat(report.get("per_image").size()).isEqualTo(expected.get("per_image").size());
        String firstImage = expected.get("per_image").fieldNames().next();
        assertThat(report.get("per_image").get(firstImage).get("CIDEr").asDouble())
                .isCloseTo(expected.get("per_image").get(firstImage).get("CIDEr").asDouble(), within(1e-9));
        assertThat(report.get("signatures").get("CIDEr").asText()).isEqualTo("CIDEr-D[sigma=6,idf=refs,tok=ptb]");
    }

    @Test
    void tableIsTheDefaultAndMetricsCanBeChosen() {
        Run r = run("eval", "--predictions", resource("hand10/results.json").toString(),
                "--references", resource("hand10/annotations.json").toString(), "--metrics", "cider,bleu");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("over 10 images").contains("CIDEr").contains("0.800590").contains("Bleu_4")
                .doesNotContain("ROUGE_L").doesNotContain("Distinct");
    }

    @Test
    void readsFlickr8kTokenFilesWithStringIds() throws IOException {
        Path tokens = tmp.resolve("Flickr8k.token.txt");
        Files.writeString(tokens, String.join("\n",
                "1000268201_693b08cb0e.jpg#0\tA child in a pink dress is climbing up a set of stairs in an entry way .",
                "1000268201_693b08cb0e.jpg#1\tA girl going into a wooden building .",
                "1001773457_577c3a7d70.jpg#0\tA black dog and a spotted dog are fighting",
                "1001773457_577c3a7d70.jpg#1\tTwo dogs on pavement moving toward each other .", ""), StandardCharsets.UTF_8);
        Path results = tmp.resolve("results.json");
        Files.writeString(results, "[{\"image_id\": \"1000268201_693b08cb0e.jpg\", \"caption\": \"a girl climbing stairs\"},"
                + " {\"image_id\": \"1001773457_577c3a7d70.jpg\", \"caption\": \"two dogs fighting\"}]");
        Run r = run("eval", "--predictions", results.toString(), "--references", tokens.toString(), "--json", "--metrics", "bleu,rouge");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode report = JSON.readTree(r.out());
        assertThat(report.get("per_image").fieldNames()).toIterable()
                .containsExactly("1000268201_693b08cb0e.jpg", "1001773457_577c3a7d70.jpg");
        assertThat(report.get("corpus").get("ROUGE_L").asDouble()).isPositive();
    }

    @Test
    void numericAndStringIdsMatch() throws IOException {
        Path refs = tmp.resolve("refs.json");
        Files.writeString(refs, "{\"annotations\": [{\"image_id\": \"7\", \"caption\": \"a dog\"}, {\"image_id\": 8, \"caption\": \"a cat\"}]}");
        Path results = tmp.resolve("results.json");
        Files.writeString(results, "[{\"image_id\": 7, \"caption\": \"a dog\"}, {\"image_id\": \"8\", \"caption\": \"a cat\"}]");
        Run r = run("eval", "--predictions", results.toString(), "--references", refs.toString(), "--json", "--metrics", "bleu");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(JSON.readTree(r.out()).get("per_image").fieldNames()).toIterable().containsExactly("7", "8");
    }

    @Test
    void badInputExitsWithCodeTwoAndOneLineNamingTheProblem() throws IOException {
        Path refs = tmp.resolve("refs.json");
        Files.writeString(refs, "{\"annotations\": [{\"image_id\": 1, \"caption\": \"a dog\"}, {\"image_id\": 2, \"caption\": \"a cat\"}]}");
        Path onlyOne = tmp.resolve("one.json");
        Files.writeString(onlyOne, "[{\"image_id\": 1, \"caption\": \"a dog\"}]");
        assertBadInput(run("eval", "--predictions", onlyOne.toString(), "--references", refs.toString()),
                "image 2: has references but no prediction");

        Path extra = tmp.resolve("extra.json");
        Files.writeString(extra, "[{\"image_id\": 1, \"caption\": \"a\"}, {\"image_id\": 2, \"caption\": \"b\"}, {\"image_id\": 3, \"caption\": \"c\"}]");
        assertBadInput(run("eval", "--predictions", extra.toString(), "--references", refs.toString()),
                "image 3: has a prediction but no references");

        Path malformed = tmp.resolve("malformed.json");
        Files.writeString(malformed, "[\n{\"image_id\": 1, \"caption\": \"a dog\"},\n{\"image_id\": 2, \"caption\": }\n]");
        assertBadInput(run("eval", "--predictions", malformed.toString(), "--references", refs.toString()),
                malformed + ":3: malformed JSON");

        Path nullCaption = tmp.resolve("null.json");
        Files.writeString(nullCaption, "[{\"image_id\": 1, \"caption\": \"a\"},\n{\"image_id\": 2, \"caption\": null}]");
        assertBadInput(run("eval", "--predictions", nullCaption.toString(), "--references", refs.toString()),
                nullCaption + ":2: image 2: \"caption\" must be a string, got null");

        Path duplicate = tmp.resolve("dup.json");
        Files.writeString(duplicate, "[{\"image_id\": 1, \"caption\": \"a\"},\n{\"image_id\": 1, \"caption\": \"b\"}]");
        assertBadInput(run("eval", "--predictions", duplicate.toString(), "--references", refs.toString()),
                duplicate + ":2: image 1 has more than one prediction");

        Path badTokens = tmp.resolve("tokens.txt");
        Files.writeString(badTokens, "img.jpg#0\ta dog\nno tab here\n");
        assertBadInput(run("eval", "--predictions", onlyOne.toString(), "--references", badTokens.toString()),
                badTokens + ":2: expected IMAGE#N<TAB>caption");

        assertBadInput(run("eval", "--predictions", tmp.resolve("missing.json").toString(), "--references", refs.toString()),
                "missing.json: no such file");
        assertBadInput(run("eval", "--predictions", onlyOne.toString(), "--references", refs.toString(), "--metrics", "bleu,meteorx"),
                "unknown metric 'meteorx' in --metrics; choose from bleu,meteor,rouge,cider,spice,distinct,selfbleu");
    }

    /** blip2-spice is on the CLI's class path: SPICE and its per-image detail come out of --json. */
    @Test
    void spiceOnRequestWithPerImageDetail() throws IOException {
        Path refs = tmp.resolve("refs.json");
        Files.writeString(refs, "{\"annotations\": [{\"image_id\": 1, \"caption\": \"A brown dog runs on the grass.\"},"
                + " {\"image_id\": 1, \"caption\": \"a dog playing outside\"}, {\"image_id\": 2, \"caption\": \"Two red apples on a table\"}]}");
        Path results = tmp.resolve("results.json");
        Files.writeString(results, "[{\"image_id\": 1, \"caption\": \"a brown dog on the grass\"},"
                + " {\"image_id\": 2, \"caption\": \"a cat sleeping\"}]");
        Path cache = tmp.resolve("spice-parses.bin");
        Run r = run("eval", "--predictions", results.toString(), "--references", refs.toString(), "--json",
                "--metrics", "spice,bleu", "--threads", "1", "--spice-cache", cache.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode report = JSON.readTree(r.out());
        assertThat(report.get("corpus").fieldNames()).toIterable()
                .containsExactly("Bleu_1", "Bleu_2", "Bleu_3", "Bleu_4", "SPICE");
        JsonNode dog = report.get("per_image").get("1");
        JsonNode cat = report.get("per_image").get("2");
        // "dog", "grass", "brown" and the "on" relation match a reference tuple; nothing about the cat does
        assertThat(dog.get("SPICE").asDouble()).isPositive();
        assertThat(cat.get("SPICE").asDouble()).isZero();
        assertThat(report.get("corpus").get("SPICE").asDouble())
                .isCloseTo((dog.get("SPICE").asDouble() + cat.get("SPICE").asDouble()) / 2, within(1e-15));
        JsonNode detail = dog.get("SPICE_detail");
        assertThat(detail.fieldNames()).toIterable()
                .containsExactly("All", "Object", "Attribute", "Relation", "Cardinality", "Color", "Size");
        assertThat(detail.get("All").get("f").asDouble()).isEqualTo(dog.get("SPICE").asDouble());
        assertThat(detail.get("Object").get("tp").asDouble()).isGreaterThanOrEqualTo(2.0);
        assertThat(detail.get("Color").get("tp").asDouble()).isEqualTo(1.0);
        assertThat(detail.get("Cardinality").get("pr").isNull()).as("no count in the references: null").isTrue();
        assertThat(cache).exists();
        assertThat(report.get("signatures").get("SPICE").asText()).startsWith("SPICE-1.0[").contains("CoreNLP 3.6.0");
    }

    @Test
    void missingRequiredOptionIsAUsageErrorWithCodeTwo() {
        Run r = run("eval", "--predictions", "x.json");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--references");
    }

    private static void assertBadInput(Run r, String message) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(EvalCommand.BAD_INPUT);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).startsWith("blip2 eval: ").contains(message);
    }
}
