package io.github.blip2j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.blip2j.core.config.Blip2Config;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link OptRowDecoder} against {@link OptLanguageModel#forward} after the same prefix (one row
 * left-padded, as batched prompts are): the same steps, with rows gathered and repeated mid-way as
 * beam search does, give the same logits, for pre- and post-LN layers, with and without biases and
 * affine LayerNorms, and for each layout a product can come back in.
 */
class OptRowDecoderTest {

    /** 384-wide weights are over the split threshold; 11000 x 384 is a transposed-columns lm_head. */
    private static String config(boolean preNorm, boolean bias, boolean affine) {
        return "{\"model_type\": \"blip-2\", " + DecodingChecks.TINY_VISION + """
                 "text_config": {"model_type": "opt", "vocab_size": 11000, "hidden_size": 384,
                                 "num_hidden_layers": 2, "ffn_dim": 768, "num_attention_heads": 6,
                                 "max_position_embeddings": 64, "bos_token_id": 2, "eos_token_id": 50,
                                 "pad_token_id": 1, "word_embed_proj_dim": 384,
                                 "do_layer_norm_before": %s, "enable_bias": %s,
                                 "layer_norm_elementwise_affine": %s}}
                """.formatted(preNorm, bias, affine);
    }

    private static final int PREFIX = 6;
    private static final int STEPS = 5;
    private static final int SELECT_AFTER = 2;
    private static final int[] SELECTED = {1, 1, 0};

    @ParameterizedTest
    @CsvSource({"true, true, true, 2", "true, true, true, 1", "false, true, true, 2", "true, false, false, 1"})
    void givesTheLibtorchDecodersLogits(boolean preNorm, boolean bias, boolean affine, int threads) {
        int before = IntraOpThreads.current();
        IntraOpThreads.use(threads);
        try (Blip2Model model = Blip2Model.random(Blip2Config.fromJson(config(preNorm, bias, affine)), 7,
                DataType.FLOAT32, Device.cpu()); NDManager m = model.manager().newSubManager()) {
            OptLanguageModel opt = (OptLanguageModel) model.languageModel();
            int vocab = opt.vocabSize();
            Random random = new Random(4);
            float[] e = new float[2 * PREFIX * 384];
            for (int i = 0; i < e.length; i++) {
                e[i] = (float) random.nextGaussian();
            }
            // Row 1's prompt is two tokens shorter: left padding, as PromptBatch.pad(..., left = true) makes it.
            int[][] mask = {{1, 1, 1, 1, 1, 1}, {0, 0, 1, 1, 1, 1}};
            DecoderOutput prefix = opt.forward(m.create(e, new Shape(2, PREFIX, 384)), mask, null);
            KeyValue[] past = prefix.keyValues();
            int[] tokens = DecodingChecks.argmax(last(opt, prefix.hidden()), 2, vocab);
            NDManager own = m.newSubManager();
            try (OptRowDecoder rows = new OptRowDecoder(opt, past, own)) {
                assertThat(rows.length()).isEqualTo(PREFIX);
                int arraysAfterFirstStep = -1;
                for (int t = 0; t < STEPS; t++) {
                    if (t == SELECT_AFTER) {
                        past = DecodingChecks.gather(past, SELECTED, m);
                        int[][] nextMask = new int[SELECTED.length][];
                        int[] nextTokens = new int[SELECTED.length];
                        for (int i = 0; i < SELECTED.length; i++) {
                            nextMask[i] = mask[SELECTED[i]].clone();
                            nextTokens[i] = tokens[SELECTED[i]];
                        }
                        mask = nextMask;
                        tokens = nextTokens;
                        rows.selectRows(SELECTED);
                    }
                    int r = tokens.length;
                    int[][] grown = new int[r][];
                    for (int i = 0; i < r; i++) {
                        grown[i] = Arrays.copyOf(mask[i], mask[i].length + 1);
                        grown[i][mask[i].length] = 1;
                    }
                    mask = grown;
                    long[] ids = DecodingChecks.toLongs(tokens);
                    DecoderOutput out = opt.forward(opt.embed(m.create(ids, new Shape(r, 1))), mask, past);
                    past = out.keyValues();
                    float[] expected = last(opt, out.hidden());
                    float[] actual = new float[r * vocab];
                    rows.step(tokens, mask, actual);
                    DecodingChecks.assertLogitsMatch(t, expected, actual);
                    tokens = DecodingChecks.argmax(expected, r, vocab);
                    if (t == 0) {
                        arraysAfterFirstStep = own.getManagedArrays().size();
                    } else if (t != SELECT_AFTER) {
                        assertThat(own.getManagedArrays()).as("step %d: the decoder's arrays", t)
                                .hasSize(arraysAfterFirstStep);
                    }
                }
                assertThat(rows.length()).isEqualTo(PREFIX + STEPS);
                int[][] shortMask = {{1}, {1}, {1}};
                assertThatThrownBy(() -> rows.step(new int[] {0, 0, 0}, shortMask, new float[3 * vocab]))
                        .hasMessageContaining("expected 3 rows of " + (PREFIX + STEPS + 1));
            }
            assertThat(own.getManagedArrays()).as("after close").isEmpty();
        } finally {
            IntraOpThreads.use(before);
        }
    }

    private static float[] last(OptLanguageModel opt, NDArray hidden) {
        long t = hidden.getShape().get(1);
        return opt.logits(hidden.get(":, " + (t - 1) + ":, :")).toFloatArray();
    }
}
