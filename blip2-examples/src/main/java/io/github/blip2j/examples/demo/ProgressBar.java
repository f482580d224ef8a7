package io.github.blip2j.examples.demo;

import io.github.blip2j.core.train.StepRecord;
import io.github.blip2j.core.train.TrainingListener;
import io.github.blip2j.core.train.TrainingPlan;
import io.github.blip2j.core.train.ValidationResult;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A console progress bar for {@link io.github.blip2j.core.train.FineTuner}:
 * {@code [#########.........] 180/532 epoch 2/4 loss 1.234 lr 9.1e-04 2m01s left}. On a terminal it
 * redraws one line; otherwise (a log file, CI) it prints a line every tenth of the run, so logs stay
 * short.
 */
public final class ProgressBar implements TrainingListener {

    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final boolean redraw;
    private TrainingPlan plan;
    private double smoothedLoss = Double.NaN;
    private long lastPrintedDecile = -1;

    /**
     * @param out    where to draw
     * @param redraw redraw one line with {@code \r} (a terminal) rather than print progress lines
     */
    public ProgressBar(PrintWriter out, boolean redraw) {
        this.out = out;
        this.redraw = redraw;
    }

    /** On {@code out}, redrawing when a console is attached to the JVM. */
    public static ProgressBar console(PrintWriter out) {
        return new ProgressBar(out, System.console() != null);
    }

    @Override
    public void onStart(TrainingPlan plan) {
        this.plan = plan;
        out.printf(Locale.ROOT, "training: %d steps (%d epochs x %d), %d examples per epoch, batch %d, %,d trainable"
                        + " values%n",
                plan.totalSteps(), plan.epochs(), plan.stepsPerEpoch(), plan.trainExamples(), plan.batchSize(),
                plan.trainableValues());
    }

    @Override
    public void onStep(StepRecord step) {
        if (Double.isFinite(step.loss())) {
            smoothedLoss = Double.isNaN(smoothedLoss) ? step.loss() : 0.9 * smoothedLoss + 0.1 * step.loss();
        }
        long decile = step.step() * 10 / Math.max(1, step.totalSteps());
        boolean last = step.step() >= step.totalSteps();
        if (redraw) {
            out.print("\r" + line(step));
            if (last) {
                out.println();
            }
            out.flush();
        } else if (decile != lastPrintedDecile || last) {
            lastPrintedDecile = decile;
            out.println(line(step));
            out.flush();
        }
    }

    @Override
    public void onValidation(ValidationResult result) {
        StringBuilder scores = new StringBuilder();
        result.metrics().forEach((name, value) -> {
            if (!name.equals("loss")) {
                scores.append(String.format(Locale.ROOT, ", %s %.3f", name, value));
            }
        });
        String msg = String.format(Locale.ROOT, "validation after epoch %d (step %d): loss %.4f%s%s", result.epoch() + 1,
                result.step(), result.loss(), scores, result.improved() ? " (best so far)" : "");
        out.println(redraw ? "\r" + msg + " ".repeat(20) : msg);
        out.flush();
    }

    /** The bar for a step. */
    String line(StepRecord step) {
        double frac = Math.min(1.0, (double) step.step() / Math.max(1, step.totalSteps()));
        int filled = (int) Math.round(frac * WIDTH);
        double perStep = step.elapsedSeconds() / Math.max(1, step.step() - (plan == null ? 0 : plan.startStep()));
        long left = Math.round(perStep * (step.totalSteps() - step.step()));
        int epochs = plan == null ? 0 : plan.epochs();
        return String.format(Locale.ROOT, "[%s%s] %d/%d epoch %d/%d loss %.3f lr %.1e %s left", "#".repeat(filled),
                ".".repeat(WIDTH - filled), step.step(), step.totalSteps(), step.epoch() + 1, epochs, smoothedLoss,
                step.learningRate(), duration(left));
    }

    static String duration(long seconds) {
        return seconds >= 60 ? String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60) : seconds + "s";
    }
}
