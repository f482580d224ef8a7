package io.github.blip2j.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blip2j.core.train.StepRecord;
import io.github.blip2j.core.train.TrainingPlan;
import io.github.blip2j.core.train.ValidationResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private static StepRecord step(long i, long total) {
        return new StepRecord(i, total, (int) ((i - 1) / 10), 2.0, 1e-3, 1.0, 0.5, 0.5 * i, 32, false);
    }

    @Test
    void withoutATerminalPrintsAboutTenLinesAndTheLastStep() {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), false);
        bar.onStart(new TrainingPlan(100, 10, 10, 0, 320, 5, 32, 1, 12345, null));
        for (int i = 1; i <= 100; i++) {
            bar.onStep(step(i, 100));
        }
        bar.onValidation(new ValidationResult(9, 100, 1.5, Map.of("loss", 1.5), 1.5, true, 0.1));
        String[] lines = text.toString().split("\n");
        assertThat(lines[0]).startsWith("training: 100 steps (10 epochs x 10)").contains("12,345 trainable values");
        long bars = java.util.Arrays.stream(lines).filter(l -> l.startsWith("[")).count();
        assertThat(bars).isBetween(10L, 11L);
        assertThat(text.toString()).contains("[##############################] 100/100 epoch 10/10 loss 2.000 lr 1.0e-03 0s left")
                .contains("validation after epoch 10 (step 100): loss 1.5000 (best so far)");
    }

    @Test
    void validationLineShowsTheScorersMetrics() {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), false);
        Map<String, Double> metrics = new java.util.LinkedHashMap<>();
        metrics.put("loss", 0.75);
        metrics.put("object_score", 0.25);
        bar.onValidation(new ValidationResult(1, 20, 0.75, metrics, 0.25, false, 0.1));
        assertThat(text.toString()).contains("validation after epoch 2 (step 20): loss 0.7500, object_score 0.250")
                .doesNotContain("best so far");
    }

    @Test
    void onATerminalRedrawsOneLine() {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), true);
        bar.onStart(new TrainingPlan(4, 4, 1, 0, 128, 0, 32, 1, 10, null));
        for (int i = 1; i <= 4; i++) {
            bar.onStep(step(i, 4));
        }
        assertThat(text.toString()).contains("\r[#######################.......] 3/4", "\r[##############################] 4/4")
                .endsWith("left" + System.lineSeparator());
        assertThat(ProgressBar.duration(125)).isEqualTo("2m05s");
    }
}
