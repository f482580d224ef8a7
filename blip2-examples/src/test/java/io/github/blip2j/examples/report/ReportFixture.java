package io.github.blip2j.examples.report;

import io.github.blip2j.examples.demo.data.DemoDataGenerator;
import io.github.blip2j.examples.demo.data.DemoDataset;
import io.github.blip2j.examples.demo.data.Scene;
import io.github.blip2j.examples.demo.data.SceneObject;
import io.github.blip2j.metrics.analysis.GroundTruthObject;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small report over generated shapes: per image a "good" caption (the first reference), a
 * "bad" one (a hallucinated object, a colour error and a repetition) and an "empty" one.
 */
final class ReportFixture {

    final DemoDataset data;
    final Map<String, List<String>> references;
    final Map<String, List<GroundTruthObject>> objects;
    final Map<String, String> good = new LinkedHashMap<>();
    final Map<String, String> bad = new LinkedHashMap<>();

    ReportFixture(Path dir, int images) {
        data = DemoDataGenerator.builder().images(images).imageSize(48).seed(7).build().generate(dir);
        references = data.references();
        objects = data.groundTruth();
        for (Scene s : data.scenes()) {
            good.put(s.fileName(), s.captions().get(0));
            SceneObject first = s.objects().get(0);
            String wrongColour = first.colour().word().equals("red") ? "blue" : "red";
            bad.put(s.fileName(), "a " + wrongColour + " " + first.shape().word() + " and a purple cross and a purple"
                    + " cross and a purple cross <b>");
        }
    }

    /** Strategy "good" before = bad captions, after = good captions; strategy "bad" after only. */
    ReportData report(int gallery) {
        ReportEvaluator evaluator = new ReportEvaluator();
        Map<Phase, StrategyRun> goodRuns = new EnumMap<>(Phase.class);
        goodRuns.put(Phase.BEFORE, evaluator.evaluate(bad, references, objects));
        goodRuns.put(Phase.AFTER, evaluator.evaluate(good, references, objects));
        Map<Phase, StrategyRun> badRuns = new EnumMap<>(Phase.class);
        badRuns.put(Phase.AFTER, evaluator.evaluate(bad, references, objects));
        Map<String, Map<Phase, StrategyRun>> runs = new LinkedHashMap<>();
        runs.put("good", goodRuns);
        runs.put("bad", badRuns);
        Map<String, String> descriptions = new LinkedHashMap<>();
        descriptions.put("good", "the references' first caption");
        descriptions.put("bad", "wrong on purpose & <escaped>");
        Map<String, Path> images = new LinkedHashMap<>();
        data.scenes().forEach(s -> images.put(s.fileName(), data.imageDir().resolve(s.fileName())));
        List<LossPoint> loss = List.of(new LossPoint(1, 4.0, false), new LossPoint(2, 3.0, false),
                new LossPoint(3, 2.5, false), new LossPoint(3, 2.7, true));
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("images", references.size());
        return new ReportData("test report", descriptions, runs, references, images, objects, loss, info,
                ReportData.firstImages(references, gallery));
    }
}
