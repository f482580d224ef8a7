package io.github.blip2j.benchmarks.train;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import io.github.blip2j.core.config.Blip2Config;
import io.github.blip2j.core.model.Blip2Model;
import io.github.blip2j.core.train.AdamW;
import io.github.blip2j.core.train.StepOutcome;
import io.github.blip2j.core.train.TrainStep;
import io.github.blip2j.core.train.Trainable;
import io.github.blip2j.core.train.TrainingBatch;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One fine-tuning step (forward + backward + global-norm clipping + AdamW lr 1e-5, wd 0.05) at batch 8
 * on the mid-size random-weight model of {@code ../shared/fixtures/perf}, with the Q-Former, query
 * tokens and projection trainable (vision tower and language model frozen), an 8-token prompt and
 * 16-token labels: the setting in which Hugging Face takes 24.7 s/step on this kind of machine.
 * {@code precision = fp32} is the default; {@code fp16} keeps the frozen vision tower in float16
 * (FineTuner's mixed precision).
 *
 * <p>Run: {@code java -Dai.djl.offline=true -jar benchmarks/target/benchmarks.jar TrainStepBenchmark -f 1}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-Xmx4g"})
public class TrainStepBenchmark {

    static final String CONFIG_RESOURCE = "/perf/blip2-mid-config.json";

    @Param({"fp32", "fp16"})
    public String precision;

    private Blip2Model model;
    private AdamW adamw;
    private TrainStep step;
    private TrainingBatch batch;
    private long iteration;

    @Setup(Level.Trial)
    public void setUp() {
        model = Blip2Model.random(config(), 20240601L, DataType.FLOAT32, Device.cpu());
        model.parameters().setTrainable(Trainable.QFORMER.predicate());
        adamw = AdamW.builder().weightDecay(0.05).build();
        step = "fp16".equals(precision) ? TrainStep.mixedPrecision(model, adamw, 1.0) : TrainStep.of(model, adamw, 1.0);
        model.setTraining(true);
        batch = batch(8, 8, 16, model.config().text().vocabSize());
    }

    static Blip2Config config() {
        try (InputStream in = TrainStepBenchmark.class.getResourceAsStream(CONFIG_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + CONFIG_RESOURCE);
            }
            return Blip2Config.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Random 224 x 224 pixels, prompts of {@code promptLen} ids ending in eos, labels of {@code labelLen} ids ending in eos. */
    static TrainingBatch batch(int b, int promptLen, int labelLen, int vocab) {
        Random r = new Random(7);
        float[] pixels = new float[b * 3 * 224 * 224];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) r.nextGaussian();
        }
        long[][] ids = new long[b][promptLen];
        long[][] mask = new long[b][promptLen];
        long[][] labels = new long[b][labelLen];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < promptLen; j++) {
                ids[i][j] = j == promptLen - 1 ? 1 : 3 + r.nextInt(vocab - 3);
                mask[i][j] = 1;
            }
            for (int j = 0; j < labelLen; j++) {
                labels[i][j] = j == labelLen - 1 ? 1 : 3 + r.nextInt(vocab - 3);
            }
        }
        return new TrainingBatch(pixels, 224, 224, ids, mask, labels, b * labelLen);
    }

    private long cpuAtStart;
    private long stepsAtStart;

    /** Process CPU time of this fork, in ns (all threads). */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    @Setup(Level.Iteration)
    public void startIteration() {
        cpuAtStart = cpuNanos();
        stepsAtStart = iteration;
    }

    /**
     * Prints the process CPU seconds per step: on a shared machine wall time depends on the load, while
     * CPU time / intra-op threads estimates the wall time on an idle one.
     */
    @TearDown(Level.Iteration)
    public void endIteration() {
        long steps = iteration - stepsAtStart;
        if (steps > 0) {
            System.out.printf(java.util.Locale.ROOT, "%n[%s] process CPU %.2f s/step%n", precision,
                    (cpuNanos() - cpuAtStart) / 1e9 / steps);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        adamw.close();
        model.close();
    }

    /** One optimizer step: forward, backward, clipping, AdamW. */
    @Benchmark
    public StepOutcome trainStep() {
        step.accumulate(batch, 1.0, iteration++);
        return step.apply(1e-5);
    }
}
