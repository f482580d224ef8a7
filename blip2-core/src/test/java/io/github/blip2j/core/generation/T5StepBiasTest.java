package io.github.blip2j.core.generation;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.blip2j.core.io.SafetensorsReader;
import io.github.blip2j.core.model.Blip2Model;
import io.github.blip2j.core.model.T5LanguageModel;
import io.github.blip2j.core.model.TinyT5Fixture;
import org.junit.jupiter.api.Test;

/**
 * A generation session slices its decoder position bias from a per-session table that grows by
 * doubling (32, 64, ...): step-by-step logits must equal the teacher-forced pass over the same ids,
 * also past the table's first growth.
 */
class T5StepBiasTest {

    @Test
    void cachedStepsMatchTeacherForcingAcrossTableGrowth() {
        int steps = 70;
        try (Blip2Model model = Blip2Model.load(TinyT5Fixture.dir());
                SafetensorsReader expected = TinyT5Fixture.tensors();
                NDManager call = model.manager().newSubManager()) {
            T5LanguageModel t5 = (T5LanguageModel) model.languageModel();
            int vocab = t5.vocabSize();
            NDArray prefix = model.languageInputs(expected.load("pixel_values", call, DataType.FLOAT32).get("0:1"));
            long[] decoderIds = new long[steps];
            try (GenerationSession s = Blip2Generation.startFromPrefix(model, prefix, null)) {
                decoderIds[0] = s.leadingTokenId();
                for (int i = 1; i < steps; i++) {
                    decoderIds[i] = 2 + (i * 37L) % (vocab - 2);
                }
                float[] stepLogits = new float[steps * vocab];
                float[] one = new float[vocab];
                for (int i = 0; i < steps; i++) {
                    s.nextLogits(new int[] {(int) decoderIds[i]}, one);
                    System.arraycopy(one, 0, stepLogits, i * vocab, vocab);
                }
                long bos = model.config().text().bosTokenId();
                NDArray embeds = NDArrays.concat(new NDList(prefix, t5.embed(call.create(new long[] {bos}, new Shape(1, 1)))), 1);
                NDArray mask = call.ones(new Shape(1, embeds.getShape().get(1)), DataType.INT64);
                NDArray forced = t5.forward(embeds, mask, call.create(decoderIds, new Shape(1, steps)));
                assertThat(TinyT5Fixture.maxAbsDiff(stepLogits, forced.toFloatArray())).isLessThan(1e-4);
            }
        }
    }
}
