package io.github.blip2j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.blip2j.core.io.SafetensorsReader;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Loss and gradients with the Q-Former, query tokens and projection trainable (vision and LM frozen),
 * against the norms Hugging Face recorded in eval mode.
 */
class Blip2GradientParityTest {

    private static boolean trainable(String name) {
        return name.startsWith("qformer.") || name.equals("query_tokens") || name.startsWith("language_projection.");
    }

    @Test
    void gradientNormsMatch() {
        JsonNode json = TinyT5Fixture.expected();
        JsonNode tf = json.get("teacher_forcing");
        JsonNode grads = json.get("gradients");
        try (Blip2Model model = Blip2Model.load(TinyT5Fixture.dir());
                SafetensorsReader expected = TinyT5Fixture.tensors();
                NDManager call = model.manager().newSubManager()) {
            model.parameters().setTrainable(Blip2GradientParityTest::trainable);
            assertThat(model.parameters().trainable()).hasSize(grads.get("per_parameter_grad_l2").size());
            NDArray pixels = expected.load("pixel_values", call, DataType.FLOAT32);
            double loss;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                Blip2Output out = model.forward(pixels, TinyT5Fixture.array(call, tf.get("input_ids")),
                        TinyT5Fixture.array(call, tf.get("attention_mask")), TinyT5Fixture.array(call, tf.get("labels")));
                loss = out.loss().getFloat();
                gc.backward(out.loss());
            }
            assertThat(loss).isCloseTo(grads.get("loss").asDouble(), within(1e-5));

            double qformer = 0;
            double all = 0;
            Iterator<Map.Entry<String, JsonNode>> it = grads.get("per_parameter_grad_l2").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                NDArray g = model.parameters().get(e.getKey()).array().getGradient();
                double sq = g.square().sum().getFloat();
                double ref = e.getValue().asDouble();
                // Tiny norms (key biases, ~1e-7) are float32 noise: a bias added to every key cancels.
                assertThat(Math.sqrt(sq)).as("grad norm of %s", e.getKey())
                        .isCloseTo(ref, within(Math.max(1e-4 * ref, 1e-5)));
                all += sq;
                if (e.getKey().startsWith("qformer.")) {
                    qformer += sq;
                }
            }
            assertThat(Math.sqrt(qformer)).isCloseTo(grads.get("qformer_grad_l2").asDouble(),
                    within(1e-4 * grads.get("qformer_grad_l2").asDouble()));
            assertThat(Math.sqrt(all)).isCloseTo(grads.get("all_trainable_grad_l2").asDouble(),
                    within(1e-4 * grads.get("all_trainable_grad_l2").asDouble()));
            // Frozen parts get no gradient.
            assertThat(model.parameters().get("vision_model.post_layernorm.weight").array().hasGradient()).isFalse();
            assertThat(model.parameters().get("language_model.shared.weight").array().hasGradient()).isFalse();
        }
    }
}
