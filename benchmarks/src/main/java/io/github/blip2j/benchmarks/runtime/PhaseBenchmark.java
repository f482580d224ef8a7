package io.github.blip2j.benchmarks.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.blip2j.core.generation.Blip2Generation;
import io.github.blip2j.core.generation.GenerationSession;
import io.github.blip2j.core.model.Blip2Model;
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
 * The phases of captioning one batch of the mid-size model separately: vision tower, Q-Former (with
 * projection), T5 encoder (with the cross-attention keys/values) and one T5 decoder step after 10
 * cached positions (lm_head and logits copy included). Hugging Face on the same machine: vision
 * 0.80 s, Q-Former 0.28 s at batch 1. Run:
 * {@code java -Dai.djl.offline=true -jar benchmarks/target/benchmarks.jar PhaseBenchmark -f 1 -wi 2 -i 3}
 * (add {@code -jvmArgsAppend -Dai.djl.pytorch.num_threads=1} on a shared machine, see
 * {@link CaptionerBenchmark}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx4g", "-Dai.djl.offline=true"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class PhaseBenchmark {

    /** Images per call. */
    @Param({"1", "8"})
    public int batch;

    private Blip2Model model;
    private NDManager inputs;
    private NDArray pixels;
    private NDArray imageEmbeds;
    private NDArray prefix;
    private GenerationSession session;
    private float[] logits;
    private int[] tokens;

    @Setup(Level.Trial)
    public void setUp() {
        model = MidModel.create(DataType.FLOAT32);
        inputs = model.manager().newSubManager();
        pixels = MidModel.pixels(inputs, batch, DataType.FLOAT32);
        imageEmbeds = model.encodeImages(pixels).lastHiddenState();
        prefix = model.languageProjection().forward(model.queryFeatures(imageEmbeds));
        tokens = new int[batch];
    }

    /** A fresh session with 10 cached positions before each decoder-step call. */
    @Setup(Level.Invocation)
    public void primeSession() {
        session = Blip2Generation.startFromPrefix(model, prefix, null);
        logits = new float[batch * session.vocabSize()];
        for (int i = 0; i < 10; i++) {
            session.nextLogits(tokens, logits);
        }
    }

    @TearDown(Level.Invocation)
    public void closeSession() {
        session.close();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        inputs.close();
        model.close();
    }

    @Benchmark
    public float[] vision() {
        try (NDManager call = inputs.newSubManager()) {
            pixels.tempAttach(call);
            return model.encodeImages(pixels).lastHiddenState().toFloatArray();
        }
    }

    @Benchmark
    public float[] qformerAndProjection() {
        try (NDManager call = inputs.newSubManager()) {
            imageEmbeds.tempAttach(call);
            return model.languageProjection().forward(model.queryFeatures(imageEmbeds)).toFloatArray();
        }
    }

    /** Opening a generation session: the T5 encoder over the 32 query embeddings and every layer's cross K/V. */
    @Benchmark
    public int t5Encoder() {
        try (GenerationSession s = Blip2Generation.startFromPrefix(model, prefix, null)) {
            return s.rows();
        }
    }

    @Benchmark
    public float[] decoderStep() {
        session.nextLogits(tokens, logits);
        return logits;
    }
}
