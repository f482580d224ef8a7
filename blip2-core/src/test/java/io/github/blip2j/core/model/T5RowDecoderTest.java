package io.github.blip2j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.blip2j.core.config.Blip2Config;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link T5RowDecoder} against the libtorch decoder it stands in for: the same steps (rows gathered
 * and repeated mid-way, as beam search does; one image's prompt padded) give the same logits, for
 * each layout a product can come back in (row blocks on two threads, fused rows and transposed
 * columns on one), activations with and without a gate, and a tied lm_head.
 */
class T5RowDecoderTest {

    /** 384-wide weights are over the split threshold; 11000 x 384 is a transposed-columns lm_head. */
    private static String config(String ffn, boolean tied) {
        return "{\"model_type\": \"blip-2\", " + DecodingChecks.TINY_VISION + """
                 "text_config": {"model_type": "t5", "vocab_size": 11000, "d_model": 384, "d_kv": 48,
                                 "num_heads": 6, "d_ff": 768, "num_layers": 1, "num_decoder_layers": 2,
                                 "feed_forward_proj": "%s", "tie_word_embeddings": %s,
                                 "bos_token_id": 1, "eos_token_id": 1, "pad_token_id": 0,
                                 "decoder_start_token_id": 0}}
                """.formatted(ffn, tied);
    }

    private static final int IMAGES = 2;
    private static final int ENCODER_POSITIONS = 7;
    private static final int STEPS = 5;
    /** After this many steps the rows become {@link #SELECTED} (row 1 twice, then row 0). */
    private static final int SELECT_AFTER = 2;
    private static final int[] SELECTED = {1, 1, 0};

    @ParameterizedTest
    @CsvSource({"gated-gelu, false, 2", "gated-gelu, false, 1", "gated-gelu_new, true, 2", "relu, true, 1"})
    void givesTheLibtorchDecodersLogits(String ffn, boolean tied, int threads) {
        int before = IntraOpThreads.current();
        IntraOpThreads.use(threads);
        try (Blip2Model model = Blip2Model.random(Blip2Config.fromJson(config(ffn, tied)), 5, DataType.FLOAT32,
                Device.cpu()); NDManager m = model.manager().newSubManager()) {
            T5LanguageModel t5 = (T5LanguageModel) model.languageModel();
            int vocab = t5.vocabSize();
            Random random = new Random(3);
            float[] e = new float[IMAGES * ENCODER_POSITIONS * 384];
            for (int i = 0; i < e.length; i++) {
                e[i] = (float) random.nextGaussian();
            }
            NDArray encoded = m.create(e, new Shape(IMAGES, ENCODER_POSITIONS, 384));
            int[][] keep = new int[IMAGES][ENCODER_POSITIONS];
            long[] mask = new long[IMAGES * ENCODER_POSITIONS];
            for (int b = 0; b < IMAGES; b++) {
                for (int s = 0; s < ENCODER_POSITIONS; s++) {
                    keep[b][s] = b == 0 || s < ENCODER_POSITIONS - 2 ? 1 : 0; // image 1's last two positions are padding
                    mask[b * ENCODER_POSITIONS + s] = keep[b][s];
                }
            }
            NDArray maskBias = MaskBias.padding(m.create(mask, new Shape(IMAGES, ENCODER_POSITIONS)), DataType.FLOAT32);
            KeyValue[] cross = t5.decoder().crossKeyValues(encoded);

            int[] rowImage = {0, 1};
            int[] tokens = {0, 0};
            KeyValue[] past = null;
            NDManager own = m.newSubManager();
            try (T5RowDecoder rows = new T5RowDecoder(t5, cross, keep, own)) {
                int arraysAfterFirstStep = -1;
                for (int t = 0; t < STEPS; t++) {
                    if (t == SELECT_AFTER) {
                        past = DecodingChecks.gather(past, SELECTED, m);
                        rowImage = new int[] {rowImage[SELECTED[0]], rowImage[SELECTED[1]], rowImage[SELECTED[2]]};
                        tokens = new int[] {tokens[SELECTED[0]], tokens[SELECTED[1]], tokens[SELECTED[2]]};
                        rows.selectRows(SELECTED);
                    }
                    int r = tokens.length;
                    float[] expected;
                    try (NDManager step = m.newSubManager()) {
                        long[] ids = DecodingChecks.toLongs(tokens);
                        NDArray index = step.create(DecodingChecks.toLongs(rowImage));
                        KeyValue[] rowCross = new KeyValue[cross.length];
                        for (int l = 0; l < cross.length; l++) {
                            rowCross[l] = new KeyValue(cross[l].keys().get(index), cross[l].values().get(index));
                        }
                        DecoderOutput out = t5.decoder().forward(t5.embed(step.create(ids, new Shape(r, 1))), past,
                                rowCross, maskBias.get(index));
                        expected = t5.logits(out.hidden()).toFloatArray();
                        for (KeyValue kv : out.keyValues()) {
                            kv.keys().attach(m);
                            kv.values().attach(m);
                        }
                        past = out.keyValues();
                    }
                    float[] actual = new float[r * vocab];
                    rows.step(tokens, rowImage, actual);
                    DecodingChecks.assertLogitsMatch(t, expected, actual);
                    tokens = DecodingChecks.argmax(expected, r, vocab);
                    if (t == 0) {
                        arraysAfterFirstStep = own.getManagedArrays().size();
                    } else if (t != SELECT_AFTER) {
                        assertThat(own.getManagedArrays()).as("step %d: the decoder's arrays", t)
                                .hasSize(arraysAfterFirstStep);
                    }
                }
                assertThat(arraysAfterFirstStep).as("the inputs of the products, one per width").isBetween(1, 3);
                assertThat(rows.length()).isEqualTo(STEPS);
            }
            assertThat(own.getManagedArrays()).as("after close").isEmpty();
        } finally {
            IntraOpThreads.use(before);
        }
    }

    @ParameterizedTest
    @CsvSource({"gated-gelu, false"})
    void rejectsStepsThatDoNotMatchItsRows(String ffn, boolean tied) {
        try (Blip2Model model = Blip2Model.random(Blip2Config.fromJson(config(ffn, tied)), 5, DataType.FLOAT32,
                Device.cpu()); NDManager m = model.manager().newSubManager()) {
            T5LanguageModel t5 = (T5LanguageModel) model.languageModel();
            KeyValue[] cross = t5.decoder().crossKeyValues(m.ones(new Shape(1, 3, 384)));
            try (T5RowDecoder rows = new T5RowDecoder(t5, cross, null, m)) {
                float[] logits = new float[t5.vocabSize()];
                rows.step(new int[] {0}, new int[] {0}, logits);
                assertThatThrownBy(() -> rows.step(new int[] {0, 0}, new int[] {0, 0}, new float[2 * t5.vocabSize()]))
                        .hasMessageContaining("2 for 1 cached rows");
                assertThatThrownBy(() -> rows.step(new int[] {0}, new int[] {0}, new float[10]))
                        .hasMessageContaining("cannot hold 1 rows");
                assertThatThrownBy(() -> rows.selectRows(new int[] {1})).isInstanceOf(IndexOutOfBoundsException.class);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void decodesOnlyFloat32OnTheCpuInEvalModeUnlessSwitchedOff() {
        assertThat(T5RowDecoder.supports(DataType.FLOAT32, Device.cpu(), false)).isTrue();
        assertThat(T5RowDecoder.supports(DataType.FLOAT16, Device.cpu(), false)).isFalse();
        assertThat(T5RowDecoder.supports(DataType.FLOAT32, Device.gpu(), false)).isFalse();
        assertThat(T5RowDecoder.supports(DataType.FLOAT32, Device.cpu(), true)).isFalse();
        String before = System.getProperty(T5RowDecoder.ENABLED_PROPERTY);
        try {
            System.setProperty(T5RowDecoder.ENABLED_PROPERTY, "false");
            assertThat(T5RowDecoder.supports(DataType.FLOAT32, Device.cpu(), false)).isFalse();
            assertThat(OptRowDecoder.supports(DataType.FLOAT32, Device.cpu(), false)).isFalse();
        } finally {
            if (before == null) {
                System.clearProperty(T5RowDecoder.ENABLED_PROPERTY);
            } else {
                System.setProperty(T5RowDecoder.ENABLED_PROPERTY, before);
            }
        }
    }

}
