package io.github.blip2j.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** What the decoding tests share: a tiny vision side for random BLIP-2 configs, argmax, logits comparison, row gathers. */
public final class DecodingChecks {

    /**
     * The vision and Q-Former part of a random BLIP-2 config, to be followed by a {@code text_config}:
     * small, so that only the language model's sizes matter.
     */
    public static final String TINY_VISION = """
            "num_query_tokens": 4,
             "vision_config": {"hidden_size": 32, "intermediate_size": 64, "num_hidden_layers": 1,
                               "num_attention_heads": 4, "image_size": 32, "patch_size": 8},
             "qformer_config": {"hidden_size": 32, "num_hidden_layers": 1, "num_attention_heads": 4,
                                "intermediate_size": 48, "cross_attention_frequency": 1},
            """;

    private DecodingChecks() {}

    /** Each row's first largest logit. */
    public static int[] argmax(float[] logits, int rows, int vocab) {
        int[] out = new int[rows];
        for (int r = 0; r < rows; r++) {
            for (int i = 1; i < vocab; i++) {
                if (logits[r * vocab + i] > logits[r * vocab + out[r]]) {
                    out[r] = i;
                }
            }
        }
        return out;
    }

    /** {@code actual} within 1e-5 of the largest |logit| (at least 1) of {@code expected}, everywhere. */
    static void assertLogitsMatch(int step, float[] expected, float[] actual) {
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < expected.length; i++) {
            diff = Math.max(diff, Math.abs(expected[i] - actual[i]));
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        assertThat(diff).as("step %d: max |difference| against logits up to %.3g", step, scale)
                .isLessThan(1e-5 * Math.max(1, scale));
    }

    /** Rows {@code rows} of every layer's libtorch keys/values (as beam search reorders them), in {@code m}. */
    static KeyValue[] gather(KeyValue[] past, int[] rows, NDManager m) {
        NDArray index = m.create(toLongs(rows));
        KeyValue[] out = new KeyValue[past.length];
        for (int l = 0; l < past.length; l++) {
            out[l] = new KeyValue(past[l].keys().get(index), past[l].values().get(index));
        }
        return out;
    }

    static long[] toLongs(int[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
