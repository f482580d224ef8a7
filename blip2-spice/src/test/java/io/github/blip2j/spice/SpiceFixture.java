package io.github.blip2j.spice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.blip2j.metrics.spice.SpiceCategory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A caption set with the SPICE values SPICE 1.0 produced for it (see src/test/resources/spice/README.md). */
record SpiceFixture(double corpusSpice, List<Image> images) {

    record Image(String id, List<String> refs, String candidate, double spice, JsonNode detail) {

        /** Expected value of a field ("pr", "re", "f", "tp", "fp", "fn") of a category; NaN for JSON null. */
        double expected(SpiceCategory category, String field) {
            JsonNode v = detail.get(category.jsonName()).get(field);
            return v == null || v.isNull() ? Double.NaN : v.asDouble();
        }
    }

    static SpiceFixture load(String name) {
        try (InputStream in = SpiceFixture.class.getResourceAsStream("/spice/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /spice/" + name + ".json");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            List<JsonNode> nodes = new ArrayList<>();
            root.get("images").forEach(nodes::add);
            // pycocoevalcap's Spice returns per-image scores in numerically sorted image-id order, and
            // COCOEvalCap pairs them with the images in annotation order: the fixture's per-image
            // SPICE under the i-th image belongs to the image with the i-th smallest id.
            List<JsonNode> byId = new ArrayList<>(nodes);
            byId.sort(Comparator.comparingLong(n -> Long.parseLong(n.get("id").asText())));
            Map<String, JsonNode> scoresOf = new HashMap<>();
            for (int i = 0; i < nodes.size(); i++) {
                scoresOf.put(byId.get(i).get("id").asText(), nodes.get(i));
            }
            List<Image> images = new ArrayList<>();
            for (JsonNode img : nodes) {
                List<String> refs = new ArrayList<>();
                img.get("refs").forEach(r -> refs.add(r.asText()));
                JsonNode scores = scoresOf.get(img.get("id").asText());
                images.add(new Image(img.get("id").asText(), refs, img.get("candidate").asText(),
                    scores.get("SPICE").asDouble(), scores.get("spice_detail")));
            }
            return new SpiceFixture(root.get("corpus_SPICE").asDouble(), images);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every 8th image of coco500 whose captions all have at most 16 tokens (the parser's time grows with the cube of the length). */
    static SpiceFixture coco500ShortSubset() {
        List<Image> shortOnes = new ArrayList<>();
        for (Image img : load("coco500").images()) {
            boolean isShort = img.candidate().split(" ").length <= 16
                && img.refs().stream().allMatch(r -> r.split(" ").length <= 16);
            if (isShort) {
                shortOnes.add(img);
            }
        }
        List<Image> picked = new ArrayList<>();
        for (int i = 0; i < shortOnes.size(); i += 8) {
            picked.add(shortOnes.get(i));
        }
        return new SpiceFixture(Double.NaN, picked);
    }

    SpiceFixture subset(int every) {
        List<Image> picked = new ArrayList<>();
        for (int i = 0; i < images.size(); i += every) {
            picked.add(images.get(i));
        }
        return new SpiceFixture(Double.NaN, picked);
    }

    Map<String, List<String>> references() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        images.forEach(i -> out.put(i.id(), i.refs()));
        return out;
    }

    Map<String, String> candidates() {
        Map<String, String> out = new LinkedHashMap<>();
        images.forEach(i -> out.put(i.id(), i.candidate()));
        return out;
    }
}
