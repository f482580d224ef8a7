package io.github.blip2j.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.blip2j.core.data.CaptionDataset;
import io.github.blip2j.core.io.SafetensorsReader;
import io.github.blip2j.core.model.Blip2Model;
import io.github.blip2j.core.model.ModelParameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FineTunerTest {

    @TempDir
    static Path tmp;
    static CaptionDataset train;
    static CaptionDataset validation;

    @BeforeAll
    static void data() {
        train = TrainData.csv(tmp.resolve("data"), "train", 6, 2, 11);
        validation = TrainData.csv(tmp.resolve("data"), "val", 2, 3, 12);
    }

    private static FineTuner.Builder base() {
        return FineTuner.builder().model(TinyFixture.dir()).train(train).batchSize(4).learningRate(1e-3).seed(3);
    }

    @Test
    void builderRejectsBadValuesNamingFieldValueAndRange() {
        assertThatThrownBy(() -> FineTuner.builder().batchSize(0)).hasMessage("batchSize must be in 1..4096, got 0");
        assertThatThrownBy(() -> FineTuner.builder().learningRate(-1)).hasMessage("learningRate must be in (0, 1], got -1.0");
        assertThatThrownBy(() -> FineTuner.builder().maxGradNorm(Double.NaN)).hasMessageContaining("maxGradNorm");
        assertThatThrownBy(() -> FineTuner.builder().epochs(0)).hasMessage("epochs must be in 1..100000, got 0");
        assertThatThrownBy(() -> FineTuner.builder().gradientAccumulation(5000)).hasMessageContaining("gradientAccumulation");
        assertThatThrownBy(() -> FineTuner.builder().train(train).build()).hasMessageContaining("model must be set");
        assertThatThrownBy(() -> base().earlyStopping(2).build()).hasMessage("earlyStopping needs a validation set");
        assertThatThrownBy(() -> base().resume(true).build()).hasMessageContaining("checkpointDir must be set");
        assertThatThrownBy(() -> base().lora(4, 8).build()).hasMessageContaining("trainable(Trainable.LORA)");
        assertThatThrownBy(() -> base().validation(validation).monitor("CIDEr", true).build())
                .hasMessageContaining("validationScorer");
        assertThatThrownBy(() -> base().validation(train).build()).hasMessageContaining("also in train");
        assertThat(Trainable.parse("qformer+vision")).isEqualTo(Trainable.QFORMER_AND_VISION);
        assertThatThrownBy(() -> Trainable.parse("everything")).hasMessageContaining("qformer, qformer+vision, all, lora");
    }

    @Test
    void trainsOnlyTheQFormerSetValidatesExportsAndLogs() throws IOException {
        Path run = tmp.resolve("qformer");
        List<ValidationResult> seen = new ArrayList<>();
        AtomicInteger steps = new AtomicInteger();
        // A scorer whose value falls every time: the first validation stays the best, and early stopping
        // (patience 1) ends the run after the second epoch.
        AtomicInteger calls = new AtomicInteger();
        ValidationScorer scorer = (pred, refs) -> {
            assertThat(pred.keySet()).isEqualTo(refs.keySet());
            return Map.of("Fake", 10.0 - calls.incrementAndGet());
        };
        TrainingResult r = base().validation(validation).epochs(5).checkpointDir(run).validationScorer(scorer)
                .monitor("Fake", true).earlyStopping(1)
                .listener(new TrainingListener() {
                    @Override
                    public void onStep(StepRecord s) {
                        steps.incrementAndGet();
                    }

                    @Override
                    public void onValidation(ValidationResult v) {
                        seen.add(v);
                    }
                }).build().fit();
        // 12 examples, batch 4: 3 steps per epoch; stopped after epoch 2.
        assertThat(r.stoppedEarly()).isTrue();
        assertThat(r.steps()).isEqualTo(6);
        assertThat(steps.get()).isEqualTo(6);
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).improved()).isTrue();
        assertThat(seen.get(0).metrics()).containsKeys("loss", "Fake");
        assertThat(r.bestValidation().step()).isEqualTo(3);
        assertThat(r.bestCheckpoint().getFileName().toString()).isEqualTo("best-step-00000003");

        List<String> log = Files.readAllLines(run.resolve("train-log.jsonl"));
        assertThat(log).hasSize(6);
        JsonNode first = new ObjectMapper().readTree(log.get(0));
        assertThat(first.fieldNames()).toIterable().contains("step", "epoch", "loss", "lr", "grad_norm", "time", "skipped");
        JsonNode metrics = new ObjectMapper().readTree(run.resolve("metrics.json").toFile());
        assertThat(metrics.path("best").path("metrics").path("Fake").asDouble()).isEqualTo(9.0);

        // The export is the best (step 3) weights, in Hugging Face layout, and loads back.
        Path exported = r.exportedModel();
        assertThat(exported.resolve("tokenizer.json")).exists();
        assertThat(exported.resolve("preprocessor_config.json")).exists();
        try (Blip2Model back = Blip2Model.load(exported); Blip2Model original = Blip2Model.load(TinyFixture.dir());
                SafetensorsReader best = SafetensorsReader.open(r.bestCheckpoint().resolve(CheckpointStore.WEIGHTS))) {
            for (ModelParameter p : back.parameters().all()) {
                float[] v = p.array().toFloatArray();
                if (Trainable.QFORMER.includes(p.name())) {
                    assertThat(Arrays.equals(v, best.loadFloats(p.name()))).as(p.name()).isTrue();
                } else {
                    assertThat(Arrays.equals(v, original.parameters().get(p.name()).array().toFloatArray()))
                            .as("frozen %s", p.name()).isTrue();
                }
            }
            assertThat(Arrays.equals(back.parameters().get("query_tokens").array().toFloatArray(),
                    original.parameters().get("query_tokens").array().toFloatArray())).isFalse();
        }
    }

    @Test
    void loraRunExportsMergedWeightsAndAPeftAdapter() {
        Path run = tmp.resolve("lora");
        TrainingResult r = base().trainable(Trainable.LORA).lora(4, 8).maxSteps(2).checkpointDir(run).build().fit();
        assertThat(r.steps()).isEqualTo(2);
        Path adapter = r.exportedModel().resolve("lora-adapter");
        assertThat(adapter.resolve("adapter_config.json")).exists();
        try (SafetensorsReader a = SafetensorsReader.open(adapter.resolve("adapter_model.safetensors"));
                Blip2Model back = Blip2Model.load(r.exportedModel());
                Blip2Model original = Blip2Model.load(TinyFixture.dir())) {
            assertThat(a.names()).contains(
                    "base_model.model.language_model.encoder.block.0.layer.0.SelfAttention.q.lora_A.weight");
            String q = "language_model.encoder.block.0.layer.0.SelfAttention.q.weight";
            String k = "language_model.encoder.block.0.layer.0.SelfAttention.k.weight";
            assertThat(Arrays.equals(back.parameters().get(q).array().toFloatArray(),
                    original.parameters().get(q).array().toFloatArray())).isFalse();
            assertThat(Arrays.equals(back.parameters().get(k).array().toFloatArray(),
                    original.parameters().get(k).array().toFloatArray())).isTrue();
            assertThat(Arrays.equals(back.parameters().get("query_tokens").array().toFloatArray(),
                    original.parameters().get("query_tokens").array().toFloatArray())).isTrue();
        }
    }

    @Test
    void mixedPrecisionRunExportsFrozenWeightsInFullPrecision() {
        Path run = tmp.resolve("fp16");
        TrainingResult r = base().mixedPrecision(true).maxSteps(2).checkpointDir(run).validation(validation)
                .validationScorer((p, refs) -> Map.of("n", (double) p.size())).build().fit();
        assertThat(r.skippedSteps()).isZero();
        assertThat(r.finalValidation().metrics().get("n")).isEqualTo(2.0);
        try (Blip2Model back = Blip2Model.load(r.exportedModel()); Blip2Model original = Blip2Model.load(TinyFixture.dir())) {
            String frozen = "language_model.shared.weight";
            assertThat(Arrays.equals(back.parameters().get(frozen).array().toFloatArray(),
                    original.parameters().get(frozen).array().toFloatArray())).isTrue();
        }
    }
}
