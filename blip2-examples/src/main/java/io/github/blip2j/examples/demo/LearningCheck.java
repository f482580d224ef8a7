package io.github.blip2j.examples.demo;

import io.github.blip2j.examples.report.Phase;
import io.github.blip2j.examples.report.ReportData;
import io.github.blip2j.examples.report.StrategyRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's learning bars on the test split, for beam search after training: object recall
 * (colour + shape) at least 0.8, object hallucination rate at most 0.1, and CIDEr at least
 * {@link #CIDER_FACTOR} times the untrained model's (and above {@link #CIDER_FLOOR}, since an
 * untrained model's CIDEr is about 0).
 */
public final class LearningCheck {

    static final String STRATEGY = "beam5";
    static final double MIN_RECALL = 0.8;
    static final double MAX_HALLUCINATION = 0.1;
    static final double CIDER_FACTOR = 5;
    static final double CIDER_FLOOR = 0.5;

    private LearningCheck() {
    }

    /** One bar: what, the value, and whether it passed. */
    public record Bar(String name, double value, String requirement, boolean passed) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %-44s %.3f (%s)", passed ? "PASS" : "FAIL", name, value, requirement);
        }
    }

    /** The bars of a demo report. */
    public static List<Bar> evaluate(ReportData report) {
        Map<Phase, StrategyRun> beam = report.runs().get(STRATEGY);
        List<Bar> bars = new ArrayList<>();
        if (beam == null || !beam.containsKey(Phase.AFTER)) {
            return bars;
        }
        Map<String, Double> after = beam.get(Phase.AFTER).scores();
        double recall = after.getOrDefault("object_recall", Double.NaN);
        double hall = after.getOrDefault("object_hallucination_rate", Double.NaN);
        bars.add(new Bar(STRATEGY + " object_recall after training", recall, ">= " + MIN_RECALL, recall >= MIN_RECALL));
        bars.add(new Bar(STRATEGY + " object_hallucination_rate after training", hall, "<= " + MAX_HALLUCINATION,
                hall <= MAX_HALLUCINATION));
        if (beam.containsKey(Phase.BEFORE)) {
            double before = beam.get(Phase.BEFORE).scores().get("CIDEr");
            double cider = after.get("CIDEr");
            double need = Math.max(CIDER_FLOOR, CIDER_FACTOR * before);
            bars.add(new Bar(STRATEGY + " CIDEr after training", cider,
                    String.format(Locale.ROOT, ">= max(%.1f, %.0f x %.3f before)", CIDER_FLOOR, CIDER_FACTOR, before),
                    cider >= need));
        }
        return bars;
    }
}
