package io.github.blip2j.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One caption fixture set (src/test/resources/metrics/NAME, copied from the shared fixtures):
 * inputs in annotation-file order and what pycocoevalcap produced for them.
 */
record Fixture(String name, Map<String, List<String>> references, Map<String, String> predictions,
        Map<String, Object> expected) {

    private static final Map<String, Fixture> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    /** The fixture set {@code name} (parsed once per test JVM). */
    static Fixture load(String name) {
        return CACHE.computeIfAbsent(name, Fixture::read);
    }

    private static Fixture read(String name) {
        String dir = "/metrics/" + name + "/";
        Map<String, Object> annotations = TestJson.object(TestJson.resource(dir + "annotations.json"));
        Map<String, List<String>> refs = new LinkedHashMap<>();
        for (Object image : TestJson.array(annotations.get("images"))) {
            refs.put(String.valueOf(TestJson.object(image).get("id")), new ArrayList<>());
        }
        for (Object a : TestJson.array(annotations.get("annotations"))) {
            Map<String, Object> ann = TestJson.object(a);
            refs.get(String.valueOf(ann.get("image_id"))).add((String) ann.get("caption"));
        }
        Map<String, String> preds = new LinkedHashMap<>();
        for (Object r : TestJson.array(TestJson.resource(dir + "results.json"))) {
            Map<String, Object> res = TestJson.object(r);
            preds.put(String.valueOf(res.get("image_id")), (String) res.get("caption"));
        }
        return new Fixture(name, refs, preds, TestJson.object(TestJson.resource(dir + "expected.json")));
    }

    Map<String, Object> tokenized(String imageId) {
        return TestJson.object(TestJson.object(expected.get("tokenized")).get(imageId));
    }

    /** Expected corpus scores: pycocoevalcap's plus the Distinct-n and Self-BLEU extras. */
    Map<String, Double> expectedCorpus() {
        Map<String, Double> out = new LinkedHashMap<>();
        TestJson.object(expected.get("corpus")).forEach((k, v) -> out.put(k, ((TestJson.Num) v).value()));
        Map<String, Object> extras = TestJson.object(expected.get("extras"));
        for (String group : List.of("distinct", "self_bleu")) {
            TestJson.object(extras.get(group)).forEach((k, v) -> {
                if (v instanceof TestJson.Num num) {
                    out.put(k, num.value());
                }
            });
        }
        return out;
    }

    /** Expected per-image scores: image id -> metric -> value. */
    Map<String, Map<String, Double>> expectedPerImage() {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        TestJson.object(expected.get("per_image")).forEach((id, scores) -> {
            Map<String, Double> row = new LinkedHashMap<>();
            TestJson.object(scores).forEach((k, v) -> row.put(k, ((TestJson.Num) v).value()));
            out.put(id, row);
        });
        return out;
    }
}
