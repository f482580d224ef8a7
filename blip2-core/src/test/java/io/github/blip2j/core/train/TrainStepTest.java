package io.github.blip2j.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import io.github.blip2j.core.model.Blip2Model;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Accumulation, NaN skipping and gradient clearing of one optimizer step (eval semantics: no dropout). */
class TrainStepTest {

    private static Map<String, float[]> snapshot(Map<String, NDArray> arrays) {
        Map<String, float[]> out = new LinkedHashMap<>();
        arrays.forEach((k, v) -> out.put(k, v.toFloatArray()));
        return out;
    }

    private static void assertSame(Map<String, float[]> a, Map<String, float[]> b) {
        assertThat(a.keySet()).isEqualTo(b.keySet());
        a.forEach((k, v) -> assertThat(Arrays.equals(v, b.get(k))).as(k).isTrue());
    }

    @Test
    void aNonFiniteLossSkipsTheStepAndLeavesWeightsAndOptimizerUntouched() {
        TrainingBatch good = TinyFixture.teacherForcingBatch();
        float[] nanPixels = good.pixels().clone();
        nanPixels[5] = Float.NaN;
        TrainingBatch poisoned = new TrainingBatch(nanPixels, 32, 32, good.inputIds(), good.attentionMask(),
                good.labels(), good.tokens());
        try (Blip2Model model = Blip2Model.load(TinyFixture.dir()); AdamW adamw = AdamW.builder().build()) {
            model.parameters().setTrainable(Trainable.QFORMER.predicate());
            TrainStep step = TrainStep.of(model, adamw, 1.0);
            step.accumulate(good, 1.0, 1);
            step.apply(1e-3);
            Map<String, float[]> weights = snapshot(step.parameters());
            Map<String, float[]> moments = snapshot(adamw.firstMoments());

            // A good micro-batch followed by a poisoned one: the whole step is skipped.
            step.accumulate(good, 0.5, 2);
            double loss = step.accumulate(poisoned, 0.5, 3);
            assertThat(loss).isNaN();
            StepOutcome skipped = step.apply(1e-3);
            assertThat(skipped.skipped()).isTrue();
            assertThat(skipped.microBatches()).isEqualTo(2);
            assertSame(snapshot(step.parameters()), weights);
            assertSame(snapshot(adamw.firstMoments()), moments);
            assertThat(adamw.stepCount()).isEqualTo(1);

            // The next step starts from cleared gradients: same norm as a fresh single batch.
            step.accumulate(good, 1.0, 4);
            StepOutcome next = step.apply(1e-3);
            assertThat(next.skipped()).isFalse();
            assertThat(next.gradNorm()).isFinite();
            assertThat(adamw.stepCount()).isEqualTo(2);
        }
    }

    @Test
    void accumulatingTwoHalvesEqualsOneWholeBatch() {
        TrainingBatch b = TinyFixture.teacherForcingBatch();
        double whole;
        double halves;
        try (Blip2Model model = Blip2Model.load(TinyFixture.dir()); AdamW adamw = AdamW.builder().build()) {
            model.parameters().setTrainable(Trainable.QFORMER.predicate());
            TrainStep step = TrainStep.of(model, adamw, 0);
            step.accumulate(b, 1.0, 0);
            whole = step.apply(0).gradNorm();
            step.accumulate(b, 0.5, 0);
            step.accumulate(b, 0.5, 0);
            StepOutcome o = step.apply(0);
            halves = o.gradNorm();
            assertThat(o.microBatches()).isEqualTo(2);
        }
        assertThat(halves).isCloseTo(whole, within(1e-5 * whole));
    }

    @Test
    void clippingScalesToTheMaximumNorm() {
        try (Blip2Model model = Blip2Model.load(TinyFixture.dir()); AdamW adamw = AdamW.builder().build()) {
            model.parameters().setTrainable(Trainable.QFORMER.predicate());
            TrainStep step = TrainStep.of(model, adamw, 2.0);
            step.accumulate(TinyFixture.teacherForcingBatch(), 1.0, 0);
            StepOutcome o = step.apply(1e-4);
            assertThat(o.gradNorm()).isGreaterThan(2.0);
            assertThat(o.clipCoefficient()).isCloseTo(2.0 / (o.gradNorm() + 1e-6), within(1e-12));
        }
    }
}
