package io.github.blip2j.metrics.meteor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Reads the METEOR test resources under {@code src/test/resources/meteor/} (see make_reference_data.py there). */
final class MeteorTestData {

    /** One image: tokenized candidate, tokenized references, and what the reference produced for it. */
    record Image(String id, String hypothesis, List<String> references, MeteorStats expectedStats, double expectedScore) {
    }

    /** A fixture set: images in annotation order plus the corpus score. */
    record FixtureSet(List<Image> images, double corpusScore) {
        List<String> hypotheses() {
            return images.stream().map(Image::hypothesis).toList();
        }

        List<List<String>> references() {
            return images.stream().map(Image::references).toList();
        }
    }

    private MeteorTestData() {
    }

    /** {@code hand10} or {@code coco500}: the fixture's expected.json plus Meteor's statistics lines. */
    static FixtureSet fixture(String name) {
        JsonNode expected = json("fixtures/" + name + "/expected.json");
        Map<String, MeteorStats> stats = new LinkedHashMap<>();
        for (String line : lines(name + "-stats.tsv")) {
            String[] f = line.split("\t");
            stats.put(f[0], MeteorStats.parse(f[1]));
        }
        List<Image> images = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = expected.get("tokenized").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            List<String> refs = new ArrayList<>();
            e.getValue().get("refs").forEach(r -> refs.add(r.asText()));
            double score = expected.get("per_image").get(e.getKey()).get("METEOR_noparaphrase").asDouble();
            images.add(new Image(e.getKey(), e.getValue().get("candidate").asText(), refs, stats.get(e.getKey()), score));
        }
        return new FixtureSet(images, expected.get("corpus").get("METEOR_noparaphrase").asDouble());
    }

    /** Lines {@code stats TAB hypothesis TAB ref1 TAB ref2 ...} (stress.tsv, paraphrase.tsv). */
    static List<Image> pairs(String resource) {
        List<Image> out = new ArrayList<>();
        int row = 0;
        for (String line : lines(resource)) {
            String[] f = line.split("\t", -1);
            out.add(new Image(resource + ":" + (++row), f[1], Arrays.asList(f).subList(2, f.length), MeteorStats.parse(f[0]), Double.NaN));
        }
        return out;
    }

    static JsonNode json(String resource) {
        try (InputStream in = open(resource)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(String resource) {
        try (InputStream raw = open(resource)) {
            InputStream in = resource.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> out = new ArrayList<>();
            String line;
            while ((line = r.readLine()) != null) {
                out.add(line);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InputStream open(String resource) {
        InputStream in = MeteorTestData.class.getResourceAsStream("/meteor/" + resource);
        if (in == null) {
            throw new IllegalStateException("test resource missing: meteor/" + resource);
        }
        return in;
    }
}
