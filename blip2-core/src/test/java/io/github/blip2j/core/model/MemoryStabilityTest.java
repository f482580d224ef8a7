package io.github.blip2j.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.blip2j.core.generation.Blip2Generation;
import io.github.blip2j.core.generation.GenerationSession;
import io.github.blip2j.core.generation.PromptBatch;
import io.github.blip2j.core.io.SafetensorsReader;
import org.junit.jupiter.api.Test;

/** 100 forwards and 20 generation sessions leave nothing behind in the model's manager or the caller's. */
class MemoryStabilityTest {

    @Test
    void hundredCallsDoNotGrowTheManagers() {
        JsonNode tf = TinyT5Fixture.expected().get("teacher_forcing");
        try (Blip2Model model = Blip2Model.load(TinyT5Fixture.dir());
                SafetensorsReader expected = TinyT5Fixture.tensors();
                NDManager caller = model.manager().newSubManager()) {
            NDArray pixels = expected.load("pixel_values", caller, DataType.FLOAT32);
            PromptBatch prompts = new PromptBatch(TinyT5Fixture.longs(tf.get("input_ids")),
                    TinyT5Fixture.ints(tf.get("attention_mask")));
            // One warm-up call creates the model's lazily made constants (RMS-norm epsilons).
            try (NDManager call = model.manager().newSubManager()) {
                pixels.tempAttach(call);
                model.forward(pixels, TinyT5Fixture.array(call, tf.get("input_ids")),
                        TinyT5Fixture.array(call, tf.get("attention_mask")), TinyT5Fixture.array(call, tf.get("labels")));
            }
            int modelArrays = model.manager().getManagedArrays().size();
            int callerArrays = caller.getManagedArrays().size();
            float[] logits = new float[6 * 150];
            for (int i = 0; i < 100; i++) {
                try (NDManager call = model.manager().newSubManager()) {
                    pixels.tempAttach(call); // so that the forward's results land in call, as a caller would arrange
                    model.forward(pixels, TinyT5Fixture.array(call, tf.get("input_ids")),
                            TinyT5Fixture.array(call, tf.get("attention_mask")), TinyT5Fixture.array(call, tf.get("labels")));
                }
                if (i % 5 != 0) {
                    continue;
                }
                try (GenerationSession s = Blip2Generation.start(model, pixels, prompts)) {
                    s.selectRows(new int[] {0, 0, 0, 1, 1, 1});
                    for (int t = 0; t < 4; t++) {
                        s.nextLogits(new int[] {0, 5, 6, 7, 8, 9}, logits);
                        s.selectRows(new int[] {2, 1, 0, 5, 5, 3});
                    }
                }
            }
            assertThat(model.manager().getManagedArrays()).hasSize(modelArrays);
            assertThat(caller.getManagedArrays()).hasSize(callerArrays);
        }
    }
}
