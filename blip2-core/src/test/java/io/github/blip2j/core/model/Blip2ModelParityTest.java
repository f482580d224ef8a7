package io.github.blip2j.core.model;

import static io.github.blip2j.core.model.TinyT5Fixture.floats;
import static io.github.blip2j.core.model.TinyT5Fixture.maxAbsDiff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.blip2j.core.io.SafetensorsReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Forward-pass parity with the tensors Hugging Face transformers v4.36.2 recorded for the tiny fixture. */
class Blip2ModelParityTest {

    private static final double TOL = 1e-4;

    private static Blip2Model model;
    private static SafetensorsReader expected;
    private static JsonNode json;
    private NDManager call;

    @BeforeAll
    static void load() {
        model = Blip2Model.load(TinyT5Fixture.dir());
        expected = TinyT5Fixture.tensors();
        json = TinyT5Fixture.expected();
    }

    @AfterAll
    static void close() {
        expected.close();
        model.close();
    }

    @BeforeEach
    void open() {
        call = model.manager().newSubManager();
    }

    @AfterEach
    void free() {
        call.close();
    }

    private NDArray pixels() {
        return expected.load("pixel_values", call, DataType.FLOAT32);
    }

    private static void assertClose(NDArray actual, String name) {
        float[] ref = expected.loadFloats(name);
        assertThat(actual.getShape().getShape()).isEqualTo(expected.info(name).shape());
        double diff = maxAbsDiff(floats(actual), ref);
        assertThat(diff).as("max |diff| of %s", name).isLessThanOrEqualTo(TOL);
    }

    @Test
    void visionTowerMatches() {
        VisionOutput out = model.encodeImages(pixels());
        assertClose(out.lastHiddenState(), "vision_last_hidden_state");
        assertClose(out.poolerOutput(), "vision_pooler_output");
    }

    @Test
    void qformerAndProjectionMatch() {
        NDArray q = model.queryFeatures(model.encodeImages(pixels()).lastHiddenState());
        assertClose(q, "qformer_last_hidden_state");
        assertClose(model.languageProjection().forward(q), "language_projection");
    }

    @Test
    void t5EncoderMatches() {
        JsonNode tf = json.get("teacher_forcing");
        NDArray ids = TinyT5Fixture.array(call, tf.get("input_ids"));
        NDArray mask = TinyT5Fixture.array(call, tf.get("attention_mask"));
        NDArray prefix = model.languageInputs(pixels());
        T5LanguageModel t5 = (T5LanguageModel) model.languageModel();
        NDArray embeds = NDArrays.concat(new NDList(prefix, t5.embed(ids)), 1);
        NDArray fullMask = NDArrays.concat(new NDList(call.ones(new ai.djl.ndarray.types.Shape(2, 4), DataType.INT64), mask), 1);
        assertClose(t5.encoder().forward(embeds, fullMask), "t5_encoder_last_hidden_state");
    }

    @Test
    void teacherForcedLogitsAndLossMatch() {
        JsonNode tf = json.get("teacher_forcing");
        NDArray ids = TinyT5Fixture.array(call, tf.get("input_ids"));
        NDArray mask = TinyT5Fixture.array(call, tf.get("attention_mask"));
        NDArray labels = TinyT5Fixture.array(call, tf.get("labels"));
        Blip2Output out = model.forward(pixels(), ids, mask, labels);
        assertClose(out.logits(), "lm_logits");
        double loss = out.loss().getFloat();
        assertThat(loss).isCloseTo(tf.get("loss").asDouble(), within(1e-5 * tf.get("loss").asDouble()));
        long[] shifted = ((T5LanguageModel) model.languageModel()).shiftRight(labels).toLongArray();
        long[][] derived = TinyT5Fixture.longs(tf.get("decoder_input_ids_derived"));
        assertThat(shifted).containsExactly(concat(derived));
    }

    private static long[] concat(long[][] rows) {
        return java.util.Arrays.stream(rows).flatMapToLong(java.util.Arrays::stream).toArray();
    }
}
