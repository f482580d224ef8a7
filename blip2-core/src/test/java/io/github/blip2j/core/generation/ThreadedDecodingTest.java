package io.github.blip2j.core.generation;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.blip2j.core.config.Blip2Config;
import io.github.blip2j.core.model.Blip2Model;
import io.github.blip2j.core.model.DecodingChecks;
import io.github.blip2j.core.model.IntraOpThreads;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Decoding on two intra-op threads, where few-row products with the language model's frozen weights
 * are split into row blocks (one per thread), gives the one-thread logits, for both language models,
 * one row (batch-1 steps) and several (batches). The weights are just large enough to be split.
 */
class ThreadedDecodingTest {

    private static final String T5 = "{\"model_type\": \"blip-2\", " + DecodingChecks.TINY_VISION + """
             "text_config": {"model_type": "t5", "vocab_size": 400, "d_model": 384, "d_kv": 64,
                             "num_heads": 6, "d_ff": 768, "num_layers": 2, "num_decoder_layers": 2,
                             "feed_forward_proj": "gated-gelu", "tie_word_embeddings": false,
                             "bos_token_id": 1, "eos_token_id": 1, "pad_token_id": 0,
                             "decoder_start_token_id": 0}}
            """;

    private static final String OPT = "{\"model_type\": \"blip-2\", " + DecodingChecks.TINY_VISION + """
             "text_config": {"model_type": "opt", "vocab_size": 400, "hidden_size": 384,
                             "num_hidden_layers": 2, "ffn_dim": 768, "num_attention_heads": 6,
                             "max_position_embeddings": 64, "bos_token_id": 2, "eos_token_id": 50,
                             "pad_token_id": 1, "word_embed_proj_dim": 384}}
            """;

    private static final int STEPS = 6;

    @ParameterizedTest
    @ValueSource(strings = {"t5", "opt"})
    void twoThreadsGiveTheOneThreadLogits(String lm) {
        Blip2Config config = Blip2Config.fromJson(lm.equals("t5") ? T5 : OPT);
        int before = IntraOpThreads.current();
        try (Blip2Model model = Blip2Model.random(config, 11, DataType.FLOAT32, Device.cpu())) {
            int[] batches = {1, 3};
            float[][][] one = new float[batches.length][][];
            float[][][] two = new float[batches.length][][];
            IntraOpThreads.use(1);
            for (int b = 0; b < batches.length; b++) {
                one[b] = decode(model, batches[b], null);
            }
            int arrays = model.manager().getManagedArrays().size();
            IntraOpThreads.use(2);
            for (int b = 0; b < batches.length; b++) {
                two[b] = decode(model, batches[b], one[b]);
            }
            assertThat(model.manager().getManagedArrays().size())
                    .as("%s: row-block views of the weights made on two threads", lm).isGreaterThan(arrays);
            for (int b = 0; b < batches.length; b++) {
                for (int t = 0; t < STEPS; t++) {
                    double diff = 0;
                    for (int i = 0; i < one[b][t].length; i++) {
                        diff = Math.max(diff, Math.abs(one[b][t][i] - two[b][t][i]));
                    }
                    assertThat(diff).as("%s batch %d step %d", lm, batches[b], t).isLessThan(1e-4);
                }
            }
        } finally {
            IntraOpThreads.use(before);
        }
    }

    /**
     * Logits of {@link #STEPS} steps, each fed the argmax of {@code reference}'s step (its own when
     * {@code reference} is null), so both runs see the same tokens.
     */
    private static float[][] decode(Blip2Model model, int batch, float[][] reference) {
        float[][] out = new float[STEPS][];
        try (NDManager call = model.manager().newSubManager();
                GenerationSession s = Blip2Generation.start(model, pixels(call, batch), null)) {
            int v = s.vocabSize();
            int[] tokens = new int[batch];
            java.util.Arrays.fill(tokens, s.leadingTokenId());
            for (int t = 0; t < STEPS; t++) {
                out[t] = new float[batch * v];
                s.nextLogits(tokens, out[t]);
                tokens = DecodingChecks.argmax(reference == null ? out[t] : reference[t], batch, v);
            }
        }
        return out;
    }

    private static NDArray pixels(NDManager m, int batch) {
        Random r = new Random(batch);
        float[] v = new float[batch * 3 * 32 * 32];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return m.create(v, new Shape(batch, 3, 32, 32));
    }
}
