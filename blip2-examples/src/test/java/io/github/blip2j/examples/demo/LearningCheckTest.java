package io.github.blip2j.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blip2j.examples.demo.data.DemoDataGenerator;
import io.github.blip2j.examples.demo.data.DemoDataset;
import io.github.blip2j.examples.report.Phase;
import io.github.blip2j.examples.report.ReportData;
import io.github.blip2j.examples.report.ReportEvaluator;
import io.github.blip2j.examples.report.StrategyRun;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearningCheckTest {

    @TempDir
    Path tmp;

    @Test
    void perfectCaptionsPassAndNonsenseFails() {
        DemoDataset data = DemoDataGenerator.builder().images(20).seed(1).build().generate(tmp);
        Map<String, String> perfect = new LinkedHashMap<>();
        Map<String, String> nonsense = new LinkedHashMap<>();
        data.scenes().forEach(s -> {
            perfect.put(s.fileName(), s.captions().get(0));
            nonsense.put(s.fileName(), "a purple diamond and a purple diamond");
        });
        ReportEvaluator e = new ReportEvaluator();
        Map<Phase, StrategyRun> good = new EnumMap<>(Phase.class);
        good.put(Phase.BEFORE, e.evaluate(nonsense, data.references(), data.groundTruth()));
        good.put(Phase.AFTER, e.evaluate(perfect, data.references(), data.groundTruth()));
        List<LearningCheck.Bar> pass = LearningCheck.evaluate(report(good));
        assertThat(pass).hasSize(3).allMatch(LearningCheck.Bar::passed);

        Map<Phase, StrategyRun> bad = new EnumMap<>(Phase.class);
        bad.put(Phase.BEFORE, good.get(Phase.AFTER));
        bad.put(Phase.AFTER, good.get(Phase.BEFORE));
        List<LearningCheck.Bar> fail = LearningCheck.evaluate(report(bad));
        assertThat(fail).hasSize(3).noneMatch(LearningCheck.Bar::passed);
        assertThat(fail.get(0).toString()).startsWith("FAIL beam5 object_recall after training");
    }

    private static ReportData report(Map<Phase, StrategyRun> beam) {
        StrategyRun any = beam.get(Phase.AFTER);
        Map<String, List<String>> refs = new LinkedHashMap<>();
        any.predictions().keySet().forEach(id -> refs.put(id, List.of("x")));
        return new ReportData("t", Map.of("beam5", "beam"), Map.of("beam5", beam), refs, Map.of(), null, List.of(),
                Map.of(), List.of());
    }
}
