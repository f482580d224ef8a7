package io.github.blip2j.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.blip2j.core.data.CaptionDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed mid-epoch (an exception from a listener, like a crash after a checkpoint) and resumed,
 * with a half-written and a corrupted checkpoint lying around, ends with exactly the weights of an
 * uninterrupted run. Dropout is on, so the resumed dropout masks must match too.
 */
class ResumeTest {

    @TempDir
    static Path tmp;
    static CaptionDataset train;
    static CaptionDataset validation;

    @BeforeAll
    static void data() {
        train = TrainData.csv(tmp.resolve("data"), "train", 10, 2, 1);
        validation = TrainData.csv(tmp.resolve("data"), "val", 2, 2, 2);
    }

    private static FineTuner.Builder settings(Path runDir) {
        // 20 examples, batch 3 -> 7 batches, accumulation 2 -> 4 steps per epoch (the last one a single
        // micro-batch), 2 epochs = 8 steps; a checkpoint every 3 steps and at each epoch end.
        return FineTuner.builder().model(TinyFixture.dir()).train(train).validation(validation)
                .epochs(2).batchSize(3).gradientAccumulation(2).learningRate(1e-3).schedule(2, ScheduleKind.COSINE)
                .checkpointEvery(3).keepCheckpoints(2).seed(7).checkpointDir(runDir);
    }

    @Test
    void resumedRunIsBitIdenticalToAnUninterruptedOne() throws IOException {
        Path straight = tmp.resolve("straight");
        TrainingResult full = settings(straight).build().fit();
        assertThat(full.steps()).isEqualTo(8);
        assertThat(full.epochsCompleted()).isEqualTo(2);

        Path crashed = tmp.resolve("crashed");
        assertThatThrownBy(() -> settings(crashed).listener(new TrainingListener() {
            @Override
            public void onStep(StepRecord step) {
                if (step.step() == 5) {
                    throw new IllegalStateException("simulated crash");
                }
            }
        }).build().fit()).hasMessage("simulated crash");
        Path checkpoints = crashed.resolve("checkpoints");
        assertThat(checkpoints.resolve("step-00000004")).isDirectory(); // epoch end (step 4)
        // A crash in the middle of writing step 6: its temporary folder, half written.
        Path half = Files.createDirectories(checkpoints.resolve(".tmp-step-00000006-123"));
        Files.write(half.resolve(CheckpointStore.WEIGHTS), new byte[] {1, 2, 3});
        // A committed-looking step 5 whose weights were damaged after the fact: must be skipped.
        Path damaged = checkpoints.resolve("step-00000005");
        copyTree(checkpoints.resolve("step-00000004"), damaged);
        byte[] w = Files.readAllBytes(damaged.resolve(CheckpointStore.WEIGHTS));
        w[w.length - 1] ^= 0x55;
        Files.write(damaged.resolve(CheckpointStore.WEIGHTS), w);

        // Starting again without resume must refuse to overwrite the run.
        assertThatThrownBy(() -> settings(crashed).build().fit()).hasMessageContaining("resume");
        // Resuming with a different batch size must refuse too, naming the setting.
        assertThatThrownBy(() -> settings(crashed).batchSize(2).resume(true).build().fit())
                .hasMessageContaining("batch_size");
        // ... and so must a different batching order.
        assertThatThrownBy(() -> settings(crashed).groupByLength(true).resume(true).build().fit())
                .hasMessageContaining("group_by_length");

        TrainingResult resumed = settings(crashed).resume(true).build().fit();
        assertThat(resumed.resumedFromStep()).isEqualTo(4);
        assertThat(resumed.steps()).isEqualTo(8);
        assertThat(half).doesNotExist();
        assertThat(Files.readAllBytes(crashed.resolve("model/model.safetensors")))
                .isEqualTo(Files.readAllBytes(straight.resolve("model/model.safetensors")));
        assertThat(logLines(crashed)).isEqualTo(logLines(straight));
        assertThat(resumed.bestValidation().monitored()).isEqualTo(full.bestValidation().monitored());
    }

    /** (step, epoch, loss, lr, grad_norm, skipped) of every line of train-log.jsonl. */
    private static List<String> logLines(Path runDir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(runDir.resolve("train-log.jsonl"))) {
            JsonNode n = json.readTree(line);
            out.add(n.get("step") + " " + n.get("epoch") + " " + n.get("loss") + " " + n.get("lr") + " "
                    + n.get("grad_norm") + " " + n.get("skipped"));
        }
        return out;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
