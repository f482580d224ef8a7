package io.github.blip2j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.blip2j.core.generation.Blip2Generation;
import io.github.blip2j.core.generation.GenerationSession;
import io.github.blip2j.core.generation.PromptBatch;
import io.github.blip2j.core.io.SafetensorsReader;
import org.junit.jupiter.api.Test;

/** FLOAT16 compute runs on the CPU close to float32; a BFLOAT16 request computes in float32 instead of aborting. */
class HalfPrecisionTest {

    @Test
    void float16ForwardAndGenerationStayCloseToFloat32() {
        JsonNode tf = TinyT5Fixture.expected().get("teacher_forcing");
        try (Blip2Model half = Blip2Model.load(TinyT5Fixture.dir(), DataType.FLOAT16, Device.cpu());
                SafetensorsReader expected = TinyT5Fixture.tensors();
                NDManager call = half.manager().newSubManager()) {
            assertThat(half.dtype()).isEqualTo(DataType.FLOAT16);
            assertThat(half.parameters().get("language_model.shared.weight").array().getDataType())
                    .isEqualTo(DataType.FLOAT16);
            NDArray pixels = expected.load("pixel_values", call, DataType.FLOAT32);
            Blip2Output out = half.forward(pixels, TinyT5Fixture.array(call, tf.get("input_ids")),
                    TinyT5Fixture.array(call, tf.get("attention_mask")), TinyT5Fixture.array(call, tf.get("labels")));
            assertThat(out.logits().getDataType()).isEqualTo(DataType.FLOAT16);
            assertThat((double) out.loss().getFloat()).isCloseTo(tf.get("loss").asDouble(), within(0.05));
            float[] ref = expected.loadFloats("lm_logits");
            assertThat(TinyT5Fixture.maxAbsDiff(TinyT5Fixture.floats(out.logits()), ref)).isLessThan(0.2);
            PromptBatch prompts = new PromptBatch(TinyT5Fixture.longs(tf.get("input_ids")),
                    TinyT5Fixture.ints(tf.get("attention_mask")));
            try (GenerationSession s = Blip2Generation.start(half, pixels, prompts)) {
                float[] logits = new float[2 * s.vocabSize()];
                s.nextLogits(new int[] {0, 0}, logits);
                float[] step0 = java.util.Arrays.copyOf(expected.loadFloats("greedy_prompt_step_logits"), logits.length);
                assertThat(TinyT5Fixture.maxAbsDiff(logits, step0)).isLessThan(0.2);
            }
        }
    }

    @Test
    void bfloat16IsComputedAsFloat32() {
        try (Blip2Model model = Blip2Model.load(TinyT5Fixture.dir(), DataType.BFLOAT16, Device.cpu())) {
            assertThat(model.dtype()).isEqualTo(DataType.FLOAT32);
            assertThat(model.parameters().get("query_tokens").array().getDataType()).isEqualTo(DataType.FLOAT32);
        }
    }
}
