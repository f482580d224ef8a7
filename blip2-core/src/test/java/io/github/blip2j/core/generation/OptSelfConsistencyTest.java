package io.github.blip2j.core.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.blip2j.core.io.SafetensorsReader;
import io.github.blip2j.core.model.Blip2Model;
import io.github.blip2j.core.model.Blip2Output;
import io.github.blip2j.core.model.ModelParameter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OPT path on a tiny random checkpoint: cache vs full recomputation, padding, row selection, loss. */
class OptSelfConsistencyTest {

    private static final int V = 120;

    @TempDir
    static Path dir;

    private static Blip2Model model;
    private NDManager call;

    @BeforeAll
    static void load() {
        TinyOpt.write(dir, 7);
        model = Blip2Model.load(dir);
    }

    @AfterAll
    static void close() {
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

    private NDArray pixels(int batch, long seed) {
        java.util.Random r = new java.util.Random(seed);
        float[] v = new float[batch * 3 * 32 * 32];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return call.create(v, new Shape(batch, 3, 32, 32));
    }

    /** Logits of the last position of a full, uncached forward over [queries ; ids]. */
    private float[] uncachedLast(NDArray pixels, long[] ids) {
        try (NDManager m = call.newSubManager()) {
            NDArray idArray = m.create(new long[][] {ids});
            Blip2Output out = model.forward(pixels, idArray, null, null);
            long t = out.logits().getShape().get(1);
            return out.logits().get(":, " + (t - 1) + ", :").toFloatArray();
        }
    }

    @Test
    void checkpointRoundTripsWithTheTiedHeadOmitted() {
        try (SafetensorsReader r = SafetensorsReader.open(dir)) {
            assertThat(r.contains("language_model.lm_head.weight")).isFalse();
            assertThat(r.contains("language_model.model.decoder.embed_tokens.weight")).isTrue();
            assertThat(r.info("language_model.model.decoder.embed_positions.weight").shape()).containsExactly(66, 40);
            for (ModelParameter p : model.parameters().all()) {
                assertThat(r.loadFloats(p.name())).as(p.name()).containsExactly(p.array().toFloatArray());
            }
        }
        assertThat(model.parameters().get("language_model.lm_head.weight"))
                .isSameAs(model.parameters().get("language_model.model.decoder.embed_tokens.weight"));
    }

    @Test
    void cachedStepsEqualFullRecomputation() {
        NDArray px = pixels(1, 1);
        long[] prompt = {2, 17, 33};
        try (GenerationSession s = Blip2Generation.start(model, px.get("0:1"), PromptBatch.of(new long[][] {prompt}))) {
            assertThat(s.leadingTokenId()).isEqualTo(2);
            List<float[]> steps = new ArrayList<>();
            long[][] out = SimpleGreedy.run(s, 1, s.leadingTokenId(), -1, 1, 6, steps);
            long[] ids = prompt.clone();
            for (int t = 0; t < steps.size(); t++) {
                float[] ref = uncachedLast(px, ids);
                for (int j = 0; j < V; j++) {
                    assertThat((double) steps.get(t)[j]).as("step %d token %d", t, j).isCloseTo(ref[j], within(1e-4));
                }
                ids = Arrays.copyOf(ids, ids.length + 1);
                ids[ids.length - 1] = out[0][t + 1];
            }
        }
    }

    @Test
    void leftPaddedBatchEqualsUnpaddedRows() {
        NDArray px = pixels(2, 2);
        long[] shortPrompt = {2, 9};
        long[] longPrompt = {2, 40, 41, 42, 43};
        PromptBatch batch = PromptBatch.pad(List.of(shortPrompt, longPrompt), 1, true);
        assertThat(batch.attentionMask()[0]).containsExactly(0, 0, 0, 1, 1);
        List<float[]> batched = new ArrayList<>();
        long[][] batchedIds;
        try (GenerationSession s = Blip2Generation.start(model, px, batch)) {
            batchedIds = SimpleGreedy.run(s, 2, s.leadingTokenId(), -1, 1, 5, batched);
        }
        long[][] prompts = {shortPrompt, longPrompt};
        for (int row = 0; row < 2; row++) {
            List<float[]> single = new ArrayList<>();
            long[][] singleIds;
            try (GenerationSession s = Blip2Generation.start(model, px.get(row + ":" + (row + 1)),
                    PromptBatch.of(new long[][] {prompts[row]}))) {
                singleIds = SimpleGreedy.run(s, 1, s.leadingTokenId(), -1, 1, 5, single);
            }
            assertThat(batchedIds[row]).containsExactly(singleIds[0]);
            for (int t = 0; t < single.size(); t++) {
                for (int j = 0; j < V; j++) {
                    assertThat((double) batched.get(t)[row * V + j]).isCloseTo(single.get(t)[j], within(1e-4));
                }
            }
        }
    }

    @Test
    void selectedRowsContinueTheirSourceRows() {
        NDArray px = pixels(2, 3);
        PromptBatch prompts = PromptBatch.pad(List.of(new long[] {2, 5, 6}, new long[] {2, 7}), 1, true);
        try (GenerationSession plain = Blip2Generation.start(model, px, prompts);
                GenerationSession beams = Blip2Generation.start(model, px, prompts)) {
            beams.selectRows(new int[] {0, 0, 1, 1}); // expansion before the first step, as beam search does
            float[] a = new float[2 * V];
            float[] b = new float[4 * V];
            plain.nextLogits(new int[] {2, 2}, a);
            beams.nextLogits(new int[] {2, 2, 2, 2}, b);
            int[][] tokens = {{11, 12}, {13, 14}, {15, 16}};
            int[][] selections = {{1, 0, 3, 2}, {0, 0, 2, 3}, {3, 1}};
            int[] source = {0, 0, 1, 1}; // image of each beam row
            for (int t = 0; t < tokens.length; t++) {
                int[] sel = selections[t];
                beams.selectRows(sel);
                int[] nextSource = new int[sel.length];
                for (int r = 0; r < sel.length; r++) {
                    nextSource[r] = source[sel[r]];
                }
                source = nextSource;
                // Every beam row of an image is fed the same token as the plain row, so their logits must agree.
                int[] beamTokens = new int[sel.length];
                for (int r = 0; r < sel.length; r++) {
                    beamTokens[r] = tokens[t][source[r]];
                }
                plain.nextLogits(tokens[t], a);
                b = new float[sel.length * V];
                beams.nextLogits(beamTokens, b);
                for (int r = 0; r < sel.length; r++) {
                    for (int j = 0; j < V; j++) {
                        assertThat((double) b[r * V + j]).isCloseTo(a[source[r] * V + j], within(1e-5));
                    }
                }
            }
            assertThat(beams.rows()).isEqualTo(2);
        }
    }

    @Test
    void lossIsTheShiftedCrossEntropyOverTheLabelPositions() {
        NDArray px = pixels(2, 4);
        long[][] ids = {{1, 1, 2, 30, 31}, {2, 40, 41, 42, 43}};
        long[][] labels = {{-100, -100, -100, 30, 31}, {-100, 40, 41, 42, 43}};
        int[][] mask = {{0, 0, 1, 1, 1}, {1, 1, 1, 1, 1}};
        Blip2Output out = model.forward(px, call.create(ids), call.create(mask), call.create(labels));
        assertThat(out.logits().getShape()).isEqualTo(new Shape(2, 5, V));
        float[] logits = out.logits().toType(DataType.FLOAT32, false).toFloatArray();
        double sum = 0;
        int count = 0;
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 4; t++) {
                long label = labels[b][t + 1];
                if (label == -100) {
                    continue;
                }
                int base = (b * 5 + t) * V;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < V; j++) {
                    max = Math.max(max, logits[base + j]);
                }
                double z = 0;
                for (int j = 0; j < V; j++) {
                    z += Math.exp(logits[base + j] - max);
                }
                sum += -(logits[base + (int) label] - max - Math.log(z));
                count++;
            }
        }
        assertThat((double) out.loss().getFloat()).isCloseTo(sum / count, within(1e-5));
    }
}
