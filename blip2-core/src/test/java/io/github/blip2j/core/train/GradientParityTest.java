package io.github.blip2j.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.blip2j.core.model.Blip2Model;
import io.github.blip2j.core.model.ModelParameter;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The training step against what transformers + torch recorded on the tiny fixture (eval semantics:
 * no dropout): loss, per-parameter and global gradient norms, and one AdamW step.
 */
class GradientParityTest {

    private static final JsonNode GRADS = TinyFixture.expected().get("gradients");

    @Test
    void lossAndGradientNormsMatchTransformers() {
        try (Blip2Model model = Blip2Model.load(TinyFixture.dir());
                AdamW adamw = AdamW.builder().build();
                NDManager scope = model.manager().newSubManager()) {
            model.parameters().setTrainable(Trainable.QFORMER.predicate());
            TrainStep step = TrainStep.of(model, adamw, 0);
            double loss = step.accumulate(TinyFixture.teacherForcingBatch(), 1.0, 0);
            assertThat(loss).isCloseTo(GRADS.get("loss").asDouble(), within(1e-5));

            double qformer = 0;
            double all = 0;
            Iterator<Map.Entry<String, JsonNode>> it = GRADS.get("per_parameter_grad_l2").fields();
            int count = 0;
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                ModelParameter p = model.parameters().get(e.getKey());
                NDArray g = p.array().getGradient();
                g.attach(scope);
                double norm = GradientNorm.of(java.util.List.of(g));
                double ref = e.getValue().asDouble();
                // Key biases have ~1e-7 gradients (a bias added to every key cancels in softmax): float noise.
                assertThat(norm).as("grad norm of %s", e.getKey()).isCloseTo(ref, within(Math.max(1e-4 * ref, 1e-5)));
                all += norm * norm;
                if (e.getKey().startsWith("qformer.")) {
                    qformer += norm * norm;
                }
                count++;
            }
            assertThat(count).isEqualTo(model.parameters().trainable().size());
            double qRef = GRADS.get("qformer_grad_l2").asDouble();
            double allRef = GRADS.get("all_trainable_grad_l2").asDouble();
            assertThat(Math.sqrt(qformer)).isCloseTo(qRef, within(1e-4 * qRef));
            assertThat(Math.sqrt(all)).isCloseTo(allRef, within(1e-4 * allRef));
            // The global norm the step itself computes and reports.
            StepOutcome out = step.apply(0.0);
            assertThat(out.gradNorm()).isCloseTo(allRef, within(1e-4 * allRef));
            assertThat(out.skipped()).isFalse();
            assertThat(model.parameters().get("vision_model.post_layernorm.weight").array().hasGradient()).isFalse();
            assertThat(model.parameters().get("language_model.shared.weight").array().hasGradient()).isFalse();
        }
    }

    @Test
    void oneAdamWStepMatchesTorch() {
        JsonNode ref = GRADS.get("adamw_one_step");
        try (Blip2Model model = Blip2Model.load(TinyFixture.dir());
                AdamW adamw = AdamW.builder().weightDecay(0.01).decayExempt(n -> false).build()) {
            model.parameters().setTrainable(Trainable.QFORMER.predicate());
            TrainStep step = TrainStep.of(model, adamw, 0);
            TrainingBatch batch = TinyFixture.teacherForcingBatch();
            step.accumulate(batch, 1.0, 0);
            StepOutcome out = step.apply(1e-3);
            assertThat(out.skipped()).isFalse();
            assertThat(adamw.stepCount()).isEqualTo(1);

            float[] q = model.parameters().get("query_tokens").array().toFloatArray();
            JsonNode first = ref.get("query_tokens_after_step_first");
            for (int i = 0; i < first.size(); i++) {
                assertThat((double) q[i]).as("query_tokens[%d]", i).isCloseTo(first.get(i).asDouble(), within(1e-6));
            }
            try (NDManager scope = model.manager().newSubManager()) {
                NDArray pixels = scope.create(batch.pixels(), new Shape(2, 3, 32, 32));
                double after = model.forward(pixels, TinyFixture.array(scope, batch.inputIds()),
                        TinyFixture.array(scope, batch.attentionMask()), TinyFixture.array(scope, batch.labels()))
                        .loss().getFloat();
                assertThat(after).isCloseTo(ref.get("loss_after_step").asDouble(), within(1e-5));
            }
        }
    }
}
