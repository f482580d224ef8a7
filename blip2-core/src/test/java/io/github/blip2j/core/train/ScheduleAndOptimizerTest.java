package io.github.blip2j.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScheduleAndOptimizerTest {

    @Test
    void warmupThenCosineReachesTheMinimumAtTheEnd() {
        LearningRateSchedule s = LearningRateSchedule.warmupCosine(1e-3, 4, 14, 1e-5);
        assertThat(s.at(0)).isCloseTo(2.5e-4, within(1e-15));
        assertThat(s.at(3)).isCloseTo(1e-3, within(1e-15));
        assertThat(s.at(4)).isCloseTo(1e-3, within(1e-15));
        assertThat(s.at(9)).isCloseTo(1e-5 + 0.5 * (1e-3 - 1e-5), within(1e-12)); // half way through the decay
        assertThat(s.at(14)).isCloseTo(1e-5, within(1e-15));
        assertThat(s.at(100)).isCloseTo(1e-5, within(1e-15));
        LearningRateSchedule c = LearningRateSchedule.of(ScheduleKind.CONSTANT, 1e-4, 2, 10, 0);
        assertThat(c.at(0)).isCloseTo(5e-5, within(1e-15));
        assertThat(c.at(9)).isEqualTo(1e-4);
        assertThatThrownBy(() -> LearningRateSchedule.warmupCosine(0, 1, 2, 0)).hasMessageContaining("learningRate");
    }

    @Test
    void warmupThenLinearFallsInAStraightLineToTheMinimum() {
        LearningRateSchedule s = LearningRateSchedule.of(ScheduleKind.LINEAR, 1e-3, 4, 14, 1e-5);
        assertThat(s.at(0)).isCloseTo(2.5e-4, within(1e-15));
        assertThat(s.at(4)).isCloseTo(1e-3, within(1e-15));
        assertThat(s.at(9)).isCloseTo(1e-5 + 0.5 * (1e-3 - 1e-5), within(1e-12));
        assertThat(s.at(6)).isCloseTo(1e-5 + 0.8 * (1e-3 - 1e-5), within(1e-12));
        assertThat(s.at(14)).isCloseTo(1e-5, within(1e-15));
        assertThat(s.at(100)).isCloseTo(1e-5, within(1e-15));
        // Hugging Face's get_linear_schedule_with_warmup(warmup=0): lr * (total - step) / total.
        LearningRateSchedule hf = LearningRateSchedule.warmupLinear(2e-5, 0, 100, 0);
        for (int step : new int[] {0, 1, 37, 99}) {
            assertThat(hf.at(step)).isCloseTo(2e-5 * (100 - step) / 100.0, within(1e-18));
        }
        assertThat(ScheduleKind.parse(" Linear ")).isEqualTo(ScheduleKind.LINEAR);
        assertThatThrownBy(() -> ScheduleKind.parse("step")).hasMessageContaining("cosine, linear or constant");
        assertThatThrownBy(() -> LearningRateSchedule.warmupLinear(1e-3, 0, 10, 2e-3)).hasMessageContaining("minLearningRate");
    }

    /** torch.optim.AdamW on one parameter, two steps, computed by hand in float64. */
    @Test
    void adamWFollowsTorchAndResumesExactlyFromItsState() {
        float[] p0 = {0.5f, -1.0f, 2.0f};
        float[][] grads = {{0.1f, -0.2f, 0.3f}, {-0.05f, 0.4f, 0.0f}};
        double lr = 0.01;
        double wd = 0.1;
        double[] p = {0.5, -1.0, 2.0};
        double[] m = new double[3];
        double[] v = new double[3];
        for (int t = 1; t <= 2; t++) {
            for (int i = 0; i < 3; i++) {
                double g = grads[t - 1][i];
                p[i] *= 1 - lr * wd;
                m[i] = 0.9 * m[i] + 0.1 * g;
                v[i] = 0.999 * v[i] + 0.001 * g * g;
                double denom = Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(0.999, t)) + 1e-8;
                p[i] -= lr / (1 - Math.pow(0.9, t)) * m[i] / denom;
            }
        }
        try (NDManager mgr = NDManager.newBaseManager();
                AdamW a = AdamW.builder().weightDecay(wd).build();
                AdamW b = AdamW.builder().weightDecay(wd).build()) {
            NDArray pa = mgr.create(p0);
            a.step(Map.of("w", pa), Map.of("w", mgr.create(grads[0])), lr);
            // Resume b from a's state after one step, then both take the second step.
            NDArray pb = pa.duplicate();
            b.restore(a.firstMoments(), a.secondMoments(), a.stepCount());
            a.step(Map.of("w", pa), Map.of("w", mgr.create(grads[1])), lr);
            b.step(Map.of("w", pb), Map.of("w", mgr.create(grads[1])), lr);
            float[] ra = pa.toFloatArray();
            assertThat(Arrays.equals(ra, pb.toFloatArray())).isTrue();
            for (int i = 0; i < 3; i++) {
                assertThat((double) ra[i]).isCloseTo(p[i], within(1e-6));
            }
        }
    }

    @Test
    void biasesAndNormsGetNoDecay() {
        assertThat(AdamW.isBiasOrNorm("qformer.encoder.layer.0.attention.output.LayerNorm.weight")).isTrue();
        assertThat(AdamW.isBiasOrNorm("qformer.encoder.layer.0.attention.attention.query.bias")).isTrue();
        assertThat(AdamW.isBiasOrNorm("language_model.encoder.final_layer_norm.weight")).isTrue();
        assertThat(AdamW.isBiasOrNorm("qformer.encoder.layer.0.attention.attention.query.weight")).isFalse();
        assertThat(AdamW.isBiasOrNorm("query_tokens")).isFalse();
    }

    @Test
    void globalNormAndClipMatchTorchFormula() {
        try (NDManager mgr = NDManager.newBaseManager()) {
            List<NDArray> g = List.of(mgr.create(new float[] {3, 0}), mgr.create(new float[] {4}));
            double norm = GradientNorm.of(g);
            assertThat(norm).isEqualTo(5.0);
            double coef = GradientNorm.clip(g, norm, 1.0);
            assertThat(coef).isCloseTo(1.0 / (5 + 1e-6), within(1e-15));
            assertThat(GradientNorm.of(g)).isCloseTo(1.0, within(1e-6));
            assertThat(GradientNorm.of(List.of(mgr.create(new float[] {Float.NaN})))).isNaN();
        }
    }
}
