package io.github.blip2j.examples.train;

import io.github.blip2j.core.train.StepRecord;
import io.github.blip2j.core.train.TrainingListener;
import io.github.blip2j.core.train.TrainingPlan;
import io.github.blip2j.core.train.TrainingResult;
import io.github.blip2j.core.train.ValidationResult;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The {@code blip2 train} progress bar: steps done of the run, it/s, ETA, and the last loss and learning rate. */
final class ProgressBarListener implements TrainingListener, AutoCloseable {

    private final PrintStream err;
    private ProgressBar bar;
    private String lastValidation = "";

    ProgressBarListener(PrintStream err) {
        this.err = err;
    }

    @Override
    public void onStart(TrainingPlan plan) {
        bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(plan.totalSteps())
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).showSpeed().setUnit(" it", 1)
                .startsFrom(plan.startStep(), Duration.ZERO).build();
    }

    @Override
    public void onStep(StepRecord s) {
        if (bar == null) {
            return;
        }
        bar.stepTo(s.step());
        bar.setExtraMessage(String.format(Locale.ROOT, "epoch %d loss %.4f lr %.2e%s%s", s.epoch() + 1, s.loss(),
                s.learningRate(), s.skipped() ? " (skipped)" : "", lastValidation));
    }

    @Override
    public void onValidation(ValidationResult r) {
        StringBuilder b = new StringBuilder(" | val");
        r.metrics().forEach((k, v) -> {
            if (k.equals("loss") || k.equals("Bleu_4") || k.equals("CIDEr")) {
                b.append(String.format(Locale.ROOT, " %s %.4f", k, v));
            }
        });
        lastValidation = b.toString();
        if (bar != null) {
            bar.setExtraMessage(bar.getExtraMessage().replaceAll(" \\| val.*$", "") + lastValidation);
        }
    }

    @Override
    public void onFinish(TrainingResult result) {
        close();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
            err.flush();
        }
    }
}
