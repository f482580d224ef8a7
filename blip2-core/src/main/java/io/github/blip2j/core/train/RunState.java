package io.github.blip2j.core.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a run is: the counters a checkpoint's {@code state.json} records, so that a resumed run
 * continues exactly where the checkpoint was taken.
 */
final class RunState {

    static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Optimizer steps done (skipped ones included). */
    long globalStep;
    /** Updates AdamW applied (its bias-correction step). */
    long optimizerSteps;
    /** Current epoch, 0-based. */
    int epoch;
    /** First batch index of the current epoch not yet trained on. */
    int nextBatch;
    long skippedSteps;
    Double best;
    long bestStep;
    int bestEpoch = -1;
    int badValidations;
    boolean stoppedEarly;
    boolean finished;
    final List<ValidationResult> history = new ArrayList<>();

    ValidationResult bestValidation() {
        // Each improvement sets a new best, so the last improved pass is the best one.
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).improved()) {
                return history.get(i);
            }
        }
        return null;
    }

    ValidationResult lastValidation() {
        return history.isEmpty() ? null : history.get(history.size() - 1);
    }

    ObjectNode toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("format", FORMAT);
        n.put("global_step", globalStep);
        n.put("optimizer_steps", optimizerSteps);
        n.put("epoch", epoch);
        n.put("next_batch", nextBatch);
        n.put("skipped_steps", skippedSteps);
        if (best != null) {
            n.put("best", best);
        } else {
            n.putNull("best");
        }
        n.put("best_step", bestStep);
        n.put("best_epoch", bestEpoch);
        n.put("bad_validations", badValidations);
        n.put("stopped_early", stoppedEarly);
        n.put("finished", finished);
        ArrayNode h = n.putArray("validation");
        history.forEach(r -> h.add(toJson(r)));
        return n;
    }

    static ObjectNode toJson(ValidationResult r) {
        ObjectNode v = JSON.createObjectNode();
        v.put("epoch", r.epoch());
        v.put("step", r.step());
        putNumber(v, "loss", r.loss());
        putNumber(v, "monitored", r.monitored());
        v.put("improved", r.improved());
        v.put("seconds", r.seconds());
        ObjectNode m = v.putObject("metrics");
        r.metrics().forEach((k, x) -> putNumber(m, k, x));
        return v;
    }

    private static void putNumber(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, v);
        } else {
            n.putNull(key);
        }
    }

    static RunState fromJson(JsonNode n) {
        if (n.path("format").asInt(-1) != FORMAT) {
            throw new IllegalStateException("checkpoint state format " + n.path("format") + " is not " + FORMAT);
        }
        RunState s = new RunState();
        s.globalStep = n.path("global_step").asLong();
        s.optimizerSteps = n.path("optimizer_steps").asLong();
        s.epoch = n.path("epoch").asInt();
        s.nextBatch = n.path("next_batch").asInt();
        s.skippedSteps = n.path("skipped_steps").asLong();
        s.best = n.path("best").isNumber() ? n.path("best").asDouble() : null;
        s.bestStep = n.path("best_step").asLong();
        s.bestEpoch = n.path("best_epoch").asInt(-1);
        s.badValidations = n.path("bad_validations").asInt();
        s.stoppedEarly = n.path("stopped_early").asBoolean();
        s.finished = n.path("finished").asBoolean();
        for (JsonNode v : n.path("validation")) {
            Map<String, Double> metrics = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = v.path("metrics").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                metrics.put(e.getKey(), e.getValue().isNumber() ? e.getValue().asDouble() : Double.NaN);
            }
            s.history.add(new ValidationResult(v.path("epoch").asInt(), v.path("step").asLong(),
                    number(v.path("loss")), metrics, number(v.path("monitored")), v.path("improved").asBoolean(),
                    v.path("seconds").asDouble()));
        }
        return s;
    }

    private static double number(JsonNode n) {
        return n.isNumber() ? n.asDouble() : Double.NaN;
    }
}
