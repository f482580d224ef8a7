package io.github.blip2j.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.blip2j.core.model.Blip2Model;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** LoRA on the tiny T5 fixture: targets, exact gradients, merge. */
class LoraTest {

    private static final String Q0 = "language_model.encoder.block.0.layer.0.SelfAttention.q.weight";

    @Test
    void defaultTargetsAreTheLanguageModelsQueryAndValueProjections() {
        try (Blip2Model model = Blip2Model.load(TinyFixture.dir());
                LoraAdapters lora = LoraAdapters.create(model.parameters(), LoraSettings.defaults(), model.manager(), 1)) {
            // 2 encoder blocks x (q, v) + 2 decoder blocks x (self q, v + cross q, v)
            assertThat(lora.targetNames()).hasSize(12).contains(Q0,
                    "language_model.decoder.block.1.layer.1.EncDecAttention.v.weight");
            assertThat(lora.targetNames()).allMatch(n -> n.matches(".*(SelfAttention|EncDecAttention)\\.[qv]\\.weight"));
            assertThat(lora.parameters()).containsKey("language_model.encoder.block.0.layer.0.SelfAttention.q.lora_A.weight");
        }
        assertThatThrownBy(() -> new LoraSettings(8, 16, 0.1, LoraSettings.DEFAULT_TARGETS))
                .hasMessageContaining("lora.dropout");
        assertThatThrownBy(() -> new LoraSettings(0, 16, 0, LoraSettings.DEFAULT_TARGETS))
                .hasMessageContaining("lora.rank must be in 1..4096, got 0");
    }

    /**
     * With W' = W + s B A, dL/dA = s B^T G and dL/dB = s G A^T where G = dL/dW' — checked against G
     * obtained by training the merged weight directly.
     */
    @Test
    void adapterGradientsAreTheChainRuleOfTheMergedWeight() {
        LoraSettings settings = new LoraSettings(2, 4, 0, List.of("q"));
        TrainingBatch batch = TinyFixture.teacherForcingBatch();
        float[] a;
        float[] b;
        float[] gradA;
        float[] gradB;
        float[] merged;
        try (Blip2Model model = Blip2Model.load(TinyFixture.dir());
                LoraAdapters lora = LoraAdapters.create(model.parameters(), settings, model.manager(), 3);
                AdamW adamw = AdamW.builder().build()) {
            model.parameters().setTrainable(n -> false);
            String aName = Q0.replace(".weight", ".lora_A.weight");
            String bName = Q0.replace(".weight", ".lora_B.weight");
            // A non-zero B, so both gradients are non-trivial.
            Map<String, NDArray> p = lora.parameters();
            float[] bValues = new float[(int) p.get(bName).getShape().size()];
            for (int i = 0; i < bValues.length; i++) {
                bValues[i] = (float) Math.sin(i + 1.0) * 0.3f;
            }
            Map<String, float[]> values = withAll(lora);
            values.put(bName, bValues);
            lora.load(values);
            TrainStep step = new TrainStep(model, lora.parameters(), adamw, 0, LossFunction.of(model), lora);
            step.accumulate(batch, 1.0, 0);
            a = p.get(aName).toFloatArray();
            b = p.get(bName).toFloatArray();
            gradA = p.get(aName).getGradient().toFloatArray();
            gradB = p.get(bName).getGradient().toFloatArray();
            step.discard();
            lora.merge();
            merged = model.parameters().get(Q0).array().toFloatArray();
        }
        float[] g;
        try (Blip2Model model = Blip2Model.load(TinyFixture.dir()); NDManager scope = model.manager().newSubManager()) {
            model.parameters().get(Q0).array().set(merged);
            model.parameters().setTrainable(n -> n.equals(Q0));
            try (AdamW adamw = AdamW.builder().build()) {
                TrainStep step = TrainStep.of(model, adamw, 0);
                step.accumulate(batch, 1.0, 0);
                g = model.parameters().get(Q0).array().getGradient().toFloatArray();
                step.discard();
            }
            Shape w = model.parameters().get(Q0).shape();
            int out = (int) w.get(0);
            int in = (int) w.get(1);
            int r = 2;
            double s = settings.scaling();
            double maxRef = 0;
            double maxDiff = 0;
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < in; j++) {
                    double ref = 0;
                    for (int o = 0; o < out; o++) {
                        ref += s * b[o * r + i] * g[o * in + j];
                    }
                    maxRef = Math.max(maxRef, Math.abs(ref));
                    maxDiff = Math.max(maxDiff, Math.abs(ref - gradA[i * in + j]));
                }
            }
            assertThat(maxDiff).isLessThan(1e-4 * maxRef);
            maxRef = 0;
            maxDiff = 0;
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < r; i++) {
                    double ref = 0;
                    for (int j = 0; j < in; j++) {
                        ref += s * g[o * in + j] * a[i * in + j];
                    }
                    maxRef = Math.max(maxRef, Math.abs(ref));
                    maxDiff = Math.max(maxDiff, Math.abs(ref - gradB[o * r + i]));
                }
            }
            assertThat(maxRef).isGreaterThan(0);
            assertThat(maxDiff).isLessThan(1e-4 * maxRef);
        }
    }

    private static Map<String, float[]> withAll(LoraAdapters lora) {
        Map<String, float[]> m = new java.util.HashMap<>();
        lora.parameters().forEach((k, v) -> m.put(k, v.toFloatArray()));
        return m;
    }

    @Test
    void mergedModelGivesBitIdenticalLogitsToTheAdaptedOne() {
        TrainingBatch batch = TinyFixture.teacherForcingBatch();
        try (Blip2Model model = Blip2Model.load(TinyFixture.dir());
                LoraAdapters lora = LoraAdapters.create(model.parameters(), LoraSettings.defaults(), model.manager(), 5)) {
            Map<String, float[]> values = withAll(lora);
            values.replaceAll((k, v) -> {
                float[] c = v.clone();
                for (int i = 0; i < c.length; i++) {
                    c[i] = k.contains("lora_B") ? (float) Math.cos(i) * 0.1f : c[i];
                }
                return c;
            });
            lora.load(values);
            float[] base = model.parameters().get(Q0).array().toFloatArray();
            float[] adapted;
            try (NDManager scope = model.manager().newSubManager(); LoraAdapters.Swap swap = lora.apply(scope)) {
                adapted = logits(model, scope, batch);
            }
            assertThat(Arrays.equals(model.parameters().get(Q0).array().toFloatArray(), base)).isTrue();
            lora.merge();
            assertThat(lora.isMerged()).isTrue();
            try (NDManager scope = model.manager().newSubManager()) {
                assertThat(Arrays.equals(logits(model, scope, batch), adapted)).isTrue();
            }
            assertThat(Arrays.equals(model.parameters().get(Q0).array().toFloatArray(), base)).isFalse();
        }
    }

    private static float[] logits(Blip2Model model, NDManager scope, TrainingBatch b) {
        return model.forward(scope.create(b.pixels(), new Shape(2, 3, 32, 32)), TinyFixture.array(scope, b.inputIds()),
                TinyFixture.array(scope, b.attentionMask()), TinyFixture.array(scope, b.labels())).logits().toFloatArray();
    }

    @Test
    void scalingIsAlphaOverRank() {
        assertThat(new LoraSettings(4, 8, 0, List.of("q")).scaling()).isCloseTo(2.0, within(0.0));
        assertThat(new LoraSettings(4, 8, 0, List.of("q_proj")).targets("language_model.model.decoder.layers.0.self_attn.q_proj.weight"))
                .isTrue();
        assertThat(new LoraSettings(4, 8, 0, List.of("q")).targets("qformer.encoder.layer.0.attention.attention.query.weight"))
                .isFalse();
    }
}
