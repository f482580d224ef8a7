package io.github.blip2j.benchmarks.runtime;

import ai.djl.ndarray.types.DataType;
import io.github.blip2j.core.Caption;
import io.github.blip2j.core.Captioner;
import io.github.blip2j.core.CaptionerBuilder;
import io.github.blip2j.core.model.Blip2Model;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * End-to-end captioning throughput in images/s through {@link Captioner} (preprocessing of a
 * 224 x 224 image, vision tower, Q-Former, projection, T5 encoder, 20 decoder steps, decoding) on the
 * mid-size random-weight model of {@code ../shared/fixtures/perf}, float32 on the CPU, exactly 20 new
 * tokens and no prompt, as the Hugging Face reference run (0.27 / 0.64 / 0.14 images/s for greedy
 * batch 1 / greedy batch 8 / beam 5 batch 1). Per-phase timings: {@link RuntimeProfile}.
 *
 * <p>Run: {@code java -Dai.djl.offline=true -jar benchmarks/target/benchmarks.jar CaptionerBenchmark -f 1 -wi 2 -i 3}
 * ({@code -p threads=1} or {@code -p threads=0,1} to compare with one intra-op thread).
 *
 * <p>On a shared or oversubscribed host, libtorch's OpenMP pool waits at every op boundary for its
 * descheduled threads: with 2 intra-op threads and a load of ~5 on 2 cores captioning ran ~11x
 * slower than with 1 ({@code -p threads=1}, {@link Captioner}'s {@code threads(1)}, or
 * {@code -jvmArgsAppend -Dai.djl.pytorch.num_threads=1}). Say which setting and load a reported
 * number had.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = "-Dai.djl.offline=true")
public class CaptionerBenchmark {

    /** Intra-op threads the captioners use ({@link CaptionerBuilder#threads}); 0 = libtorch's default (one per core). */
    @Param({"0"})
    public int threads;

    private Blip2Model model;
    private Captioner greedy;
    private Captioner beam5;
    private List<BufferedImage> one;
    private List<BufferedImage> eight;

    @Setup
    public void setUp() {
        model = MidModel.create(DataType.FLOAT32);
        greedy = captioner(1);
        beam5 = captioner(5);
        eight = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            eight.add(noise(224, 224, i));
        }
        one = eight.subList(0, 1);
    }

    private Captioner captioner(int beams) {
        CaptionerBuilder b = Captioner.builder().model(model).decoding(MidModel.decoding(beams, 20)).batchSize(8);
        if (threads > 0) {
            b.threads(threads);
        }
        return b.build();
    }

    /** A random RGB image at the model's input size, so that the resize is the identity, as for the HF run's tensors. */
    static BufferedImage noise(int w, int h, long seed) {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, r.nextInt(1 << 24));
            }
        }
        return img;
    }

    @TearDown
    public void tearDown() {
        greedy.close();
        beam5.close();
        model.close();
    }

    /** Greedy, 20 new tokens, one image per call. */
    @Benchmark
    public List<Caption> greedyBatch1() {
        return greedy.caption(one);
    }

    /** Greedy, 20 new tokens, eight images per call (score is per image). */
    @Benchmark
    @OperationsPerInvocation(8)
    public List<Caption> greedyBatch8() {
        return greedy.caption(eight);
    }

    /** Beam search with 5 beams, 20 new tokens, one image per call. */
    @Benchmark
    public List<Caption> beam5Batch1() {
        return beam5.caption(one);
    }
}
