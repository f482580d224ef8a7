package io.github.blip2j.examples.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code report.json}: every number of a report.
 *
 * <pre>{@code
 * {"title": ..., "info": {...}, "metrics": ["Bleu_1", ..., "elements_ge3_rate"],
 *  "strategies": {"beam5": {"before": {"Bleu_1": ..., "object_recall": ..., ...}, "after": {...}}, ...},
 *  "strategy_descriptions": {"beam5": "beam search, 5 beams", ...},
 *  "training": {"loss": [{"step": 1, "loss": 4.1}, ...], "validation": [...]},
 *  "details": {"beam5": {"after": {"captions": {...}, "per_image": {...}, "signatures": {...},
 *                                   "errors": {"rates": ..., "counts": ..., "captions": [...]}}}},
 *  "gallery": ["image id", ...]}
 * }</pre>
 * Each {@code before}/{@code after} object holds the metric names of {@link MetricSuite} and the
 * error rates ({@code object_recall} and {@code object_hallucination_rate} only when objects are
 * known). A non-finite number is written as {@code null}.
 */
public final class ReportJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    /** The document as a tree. */
    public static ObjectNode toTree(ReportData data) {
        ObjectNode root = JSON.createObjectNode();
        root.put("title", data.title());
        ObjectNode info = root.putObject("info");
        data.info().forEach((k, v) -> putValue(info, k, v));
        ArrayNode names = root.putArray("metrics");
        data.scoreNames().forEach(names::add);
        ObjectNode strategies = root.putObject("strategies");
        ObjectNode details = JSON.createObjectNode();
        for (Map.Entry<String, Map<Phase, StrategyRun>> s : data.runs().entrySet()) {
            ObjectNode phases = strategies.putObject(s.getKey());
            ObjectNode detailPhases = details.putObject(s.getKey());
            for (Map.Entry<Phase, StrategyRun> p : s.getValue().entrySet()) {
                ObjectNode scores = phases.putObject(p.getKey().key());
                p.getValue().scores().forEach((k, v) -> putNumber(scores, k, v));
                detailPhases.set(p.getKey().key(), details(p.getValue()));
            }
        }
        ObjectNode descriptions = root.putObject("strategy_descriptions");
        data.strategies().forEach(descriptions::put);
        ObjectNode training = root.putObject("training");
        ArrayNode loss = training.putArray("loss");
        ArrayNode validation = training.putArray("validation");
        for (LossPoint p : data.loss()) {
            ObjectNode n = (p.validation() ? validation : loss).addObject();
            n.put("step", p.step());
            putNumber(n, "loss", p.loss());
        }
        root.set("details", details);
        ArrayNode gallery = root.putArray("gallery");
        data.gallery().forEach(gallery::add);
        return root;
    }

    /** The document as text. */
    public static String toJson(ReportData data) {
        try {
            return JSON.writeValueAsString(toTree(data)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise report", e);
        }
    }

    /** Writes {@code report.json} atomically. */
    public static void write(ReportData data, Path file) {
        ReportFiles.writeAtomically(file, toJson(data));
    }

    private static ObjectNode details(StrategyRun run) {
        ObjectNode n = JSON.createObjectNode();
        ObjectNode captions = n.putObject("captions");
        run.predictions().forEach(captions::put);
        JsonNode metrics = parse(run.metrics().toJson());
        n.set("per_image", metrics.get("per_image"));
        n.set("signatures", metrics.get("signatures"));
        n.set("errors", parse(run.errors().toJson()));
        return n;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("library JSON did not parse: " + e.getOriginalMessage(), e);
        }
    }

    private static void putNumber(ObjectNode n, String key, Double v) {
        if (v == null || !Double.isFinite(v)) {
            n.putNull(key);
        } else {
            n.put(key, v);
        }
    }

    private static void putValue(ObjectNode n, String key, Object v) {
        if (v instanceof Integer i) {
            n.put(key, i);
        } else if (v instanceof Long l) {
            n.put(key, l);
        } else if (v instanceof Number num) {
            putNumber(n, key, num.doubleValue());
        } else if (v instanceof Boolean b) {
            n.put(key, b);
        } else {
            n.put(key, String.valueOf(v));
        }
    }
}
