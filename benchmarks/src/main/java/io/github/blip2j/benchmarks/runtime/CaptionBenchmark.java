package io.github.blip2j.benchmarks.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.blip2j.core.generation.Blip2Generation;
import io.github.blip2j.core.generation.GenerationSession;
import io.github.blip2j.core.model.Blip2Model;
import io.github.blip2j.decoding.GenerationConfig;
import io.github.blip2j.decoding.GenerationResult;
import io.github.blip2j.decoding.Generator;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * End-to-end captioning of the mid-size model from pixels: vision, Q-Former, projection, T5 encoder
 * and exactly 20 new tokens, no prompt, as Hugging Face's reference run (0.27 / 0.64 / 0.14 images/s
 * for greedy b1 / greedy b8 / beam-5 b1 on the same 2-core machine). Seconds per call; images/s =
 * batch / score. Run:
 * {@code java -Dai.djl.offline=true -jar benchmarks/target/benchmarks.jar CaptionBenchmark -f 1 -wi 2 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx4g", "-Dai.djl.offline=true"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class CaptionBenchmark {

    /** {@code greedy-b1}, {@code greedy-b8} or {@code beam5-b1}. */
    @Param({"greedy-b1", "greedy-b8", "beam5-b1"})
    public String setting;

    /** Compute type. */
    @Param({"float32"})
    public String dtype;

    private Blip2Model model;
    private NDManager inputs;
    private NDArray pixels;
    private GenerationConfig config;
    private int batch;

    @Setup
    public void setUp() {
        DataType type = dtype.equals("float16") ? DataType.FLOAT16 : DataType.FLOAT32;
        model = MidModel.create(type);
        batch = setting.endsWith("b8") ? 8 : 1;
        config = MidModel.decoding(setting.startsWith("beam5") ? 5 : 1, 20);
        inputs = model.manager().newSubManager();
        pixels = MidModel.pixels(inputs, batch, type);
    }

    @TearDown
    public void tearDown() {
        inputs.close();
        model.close();
    }

    @Benchmark
    public GenerationResult caption() {
        try (GenerationSession s = Blip2Generation.start(model, pixels, null)) {
            int[] lead = new int[batch];
            Arrays.fill(lead, s.leadingTokenId());
            return Generator.generate(s, lead, config, null);
        }
    }
}
