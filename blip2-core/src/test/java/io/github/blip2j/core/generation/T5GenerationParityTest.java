package io.github.blip2j.core.generation;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.blip2j.core.io.SafetensorsReader;
import io.github.blip2j.core.model.Blip2Model;
import io.github.blip2j.core.model.IntraOpThreads;
import io.github.blip2j.core.model.TinyT5Fixture;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The T5 session against the fixture's recorded greedy ids and per-step logits. */
class T5GenerationParityTest {

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

    static PromptBatch prompts(JsonNode generateCase) {
        if (generateCase.get("input_ids").isNull()) {
            return null;
        }
        return new PromptBatch(TinyT5Fixture.longs(generateCase.get("input_ids")),
                TinyT5Fixture.ints(generateCase.get("attention_mask")));
    }

    @Test
    void stepLogitsFollowTheRecordedGreedyRun() {
        JsonNode c = json.get("generate").get("greedy_prompt");
        long[][] seq = TinyT5Fixture.longs(c.get("sequences"));
        float[] ref = expected.loadFloats("greedy_prompt_step_logits");
        int v = 150;
        try (GenerationSession s = Blip2Generation.start(model, pixels(), prompts(c))) {
            assertThat(s.leadingTokenId()).isEqualTo(0);
            float[] logits = new float[2 * v];
            for (int t = 0; t < 12; t++) {
                s.nextLogits(new int[] {(int) seq[0][t], (int) seq[1][t]}, logits);
                assertThat(maxDiff(logits, ref, t * 2 * v)).as("max |diff| of step %d logits", t)
                        .isLessThanOrEqualTo(1e-4);
            }
        }
    }

    @Test
    void oneRowStepsOnTwoThreadsFollowTheRecordedRun() {
        JsonNode c = json.get("generate").get("greedy_prompt");
        long[][] seq = TinyT5Fixture.longs(c.get("sequences"));
        float[] ref = expected.loadFloats("greedy_prompt_step_logits");
        int v = 150;
        int before = IntraOpThreads.current();
        IntraOpThreads.use(2);
        try (GenerationSession s = Blip2Generation.start(model, pixels(), prompts(c))) {
            s.selectRows(new int[] {0});
            float[] logits = new float[v];
            for (int t = 0; t < 12; t++) {
                s.nextLogits(new int[] {(int) seq[0][t]}, logits);
                assertThat(IntraOpThreads.current()).as("caller's count after step %d", t).isEqualTo(2);
                assertThat(maxDiff(logits, ref, t * 2 * v)).as("max |diff| of step %d logits", t)
                        .isLessThanOrEqualTo(1e-4);
            }
        } finally {
            IntraOpThreads.use(before);
        }
    }

    /** Largest |logits[i] - ref[offset + i]| over all of {@code logits}. */
    private static double maxDiff(float[] logits, float[] ref, int offset) {
        double diff = 0;
        for (int i = 0; i < logits.length; i++) {
            diff = Math.max(diff, Math.abs(logits[i] - ref[offset + i]));
        }
        return diff;
    }

    @Test
    void greedyIdsMatch() {
        for (String name : List.of("greedy_prompt", "greedy_no_prompt")) {
            JsonNode c = json.get("generate").get(name);
            try (GenerationSession s = Blip2Generation.start(model, pixels(), prompts(c))) {
                long[][] out = SimpleGreedy.run(s, 2, s.leadingTokenId(), 1, 0, 12, null);
                assertThat(out).as(name).isDeepEqualTo(TinyT5Fixture.longs(c.get("sequences")));
            }
        }
    }

    @Test
    void selectRowsKeepsRowsConsistent() {
        // Duplicating rows (as beam search does) and dropping one must give each row the logits of its source.
        JsonNode c = json.get("generate").get("greedy_prompt");
        long[][] seq = TinyT5Fixture.longs(c.get("sequences"));
        int v = 150;
        try (GenerationSession plain = Blip2Generation.start(model, pixels(), prompts(c));
                GenerationSession mixed = Blip2Generation.start(model, pixels(), prompts(c))) {
            float[] a = new float[2 * v];
            float[] b = new float[3 * v];
            plain.nextLogits(new int[] {0, 0}, a);
            mixed.selectRows(new int[] {1, 0, 1});
            assertThat(mixed.rows()).isEqualTo(3);
            mixed.nextLogits(new int[] {0, 0, 0}, b);
            for (int t = 1; t < 5; t++) {
                plain.nextLogits(new int[] {(int) seq[0][t], (int) seq[1][t]}, a);
                if (t == 3) {
                    mixed.selectRows(new int[] {1, 2});
                    b = new float[2 * v];
                }
                int[] sources = t < 3 ? new int[] {1, 0, 1} : new int[] {0, 1};
                int[] tokens = new int[sources.length];
                for (int r = 0; r < sources.length; r++) {
                    tokens[r] = (int) seq[sources[r]][t];
                }
                mixed.nextLogits(tokens, b);
                for (int r = 0; r < sources.length; r++) {
                    for (int j = 0; j < v; j++) {
                        assertThat((double) b[r * v + j]).isCloseTo(a[sources[r] * v + j],
                                org.assertj.core.api.Assertions.within(1e-5));
                    }
                }
            }
        }
    }
}
