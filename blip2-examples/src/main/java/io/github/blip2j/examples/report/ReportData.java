package io.github.blip2j.examples.report;

import io.github.blip2j.metrics.analysis.GroundTruthObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a report shows: per strategy and phase the captions and their scores, the references,
 * the images, the ground-truth objects when known, the training curve when there was training,
 * and a few facts about the run ({@code info}: data sizes, settings, timings).
 *
 * @param title        the page title
 * @param strategies   strategy name (as in report.json, e.g. {@code beam5}) to a human description
 * @param runs         strategy name to phase to its scored captions; every strategy of
 *                     {@code strategies} has at least one phase
 * @param references   image id to reference captions, in evaluation order
 * @param images       image id to its file, for the gallery
 * @param objects      image id to its objects, or {@code null} when unknown
 * @param loss         the training curve (empty without training)
 * @param info         run facts, name to a string or number, in display order
 * @param gallery      the image ids the gallery shows, in order
 */
public record ReportData(String title, Map<String, String> strategies, Map<String, Map<Phase, StrategyRun>> runs,
                         Map<String, List<String>> references, Map<String, Path> images,
                         Map<String, List<GroundTruthObject>> objects, List<LossPoint> loss, Map<String, Object> info,
                         List<String> gallery) {

    public ReportData {
        Objects.requireNonNull(title, "title");
        strategies = Collections.unmodifiableMap(new LinkedHashMap<>(strategies));
        Map<String, Map<Phase, StrategyRun>> r = new LinkedHashMap<>();
        for (String s : strategies.keySet()) {
            Map<Phase, StrategyRun> phases = runs.get(s);
            if (phases == null || phases.isEmpty()) {
                throw new IllegalArgumentException("strategy '" + s + "' has no scored captions");
            }
            r.put(s, Collections.unmodifiableMap(new EnumMap<>(phases)));
        }
        for (String s : runs.keySet()) {
            if (!strategies.containsKey(s)) {
                throw new IllegalArgumentException("runs name strategy '" + s + "' that has no description");
            }
        }
        runs = Collections.unmodifiableMap(r);
        references = Collections.unmodifiableMap(new LinkedHashMap<>(references));
        images = Collections.unmodifiableMap(new LinkedHashMap<>(images));
        objects = objects == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(objects));
        loss = List.copyOf(loss);
        info = Collections.unmodifiableMap(new LinkedHashMap<>(info));
        gallery = List.copyOf(gallery);
        for (String id : gallery) {
            if (!references.containsKey(id)) {
                throw new IllegalArgumentException("gallery image '" + id + "' has no references");
            }
        }
    }

    /** The phases any strategy has, in order (before, after). */
    public List<Phase> phases() {
        Set<Phase> seen = new LinkedHashSet<>();
        for (Phase p : Phase.values()) {
            for (Map<Phase, StrategyRun> m : runs.values()) {
                if (m.containsKey(p)) {
                    seen.add(p);
                }
            }
        }
        return new ArrayList<>(seen);
    }

    /** Every score name of any run, metrics first then error rates, in first-seen order. */
    public List<String> scoreNames() {
        Set<String> names = new LinkedHashSet<>();
        for (Map<Phase, StrategyRun> m : runs.values()) {
            for (StrategyRun run : m.values()) {
                names.addAll(run.scores().keySet());
            }
        }
        return new ArrayList<>(names);
    }

    /** The first {@code n} image ids in evaluation order: the default gallery. */
    public static List<String> firstImages(Map<String, List<String>> references, int n) {
        return references.keySet().stream().limit(n).toList();
    }
}
