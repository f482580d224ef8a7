package io.github.blip2j.benchmarks.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.blip2j.core.generation.Blip2Generation;
import io.github.blip2j.core.generation.GenerationSession;
import io.github.blip2j.core.model.Blip2Model;
import io.github.blip2j.decoding.GenerationConfig;
import io.github.blip2j.decoding.Generator;
import ai.djl.pytorch.jni.JniUtils;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Quick per-phase timing of the mid-size model (median of N runs after warm-up), complementing the JMH
 * suite. Run (one intra-op thread; drop the property for libtorch's default of one per core):
 * {@code java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -cp benchmarks/target/benchmarks.jar
 * io.github.blip2j.benchmarks.runtime.RuntimeProfile [runs] [float32|float16]}
 * It prints the thread count and the load average with the numbers; the main-thread CPU column
 * tells work from waiting on a busy machine (exact with one intra-op thread).
 */
public final class RuntimeProfile {

    private RuntimeProfile() {}

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        DataType dtype = args.length > 1 && args[1].equals("float16") ? DataType.FLOAT16 : DataType.FLOAT32;
        long t0 = System.nanoTime();
        try (Blip2Model model = MidModel.create(dtype)) {
            System.out.printf(Locale.ROOT, "model: %,d parameters, %s, built in %.1f s; libtorch intra-op threads %d;"
                    + " load average %.2f%n", model.parameters().numValues(), dtype, (System.nanoTime() - t0) / 1e9,
                    JniUtils.getNumThreads(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            report("vision (batch 1)", runs, 1, () -> time(model, m -> model.encodeImages(MidModel.pixels(m, 1, dtype))));
            report("vision (batch 8)", runs, 8, () -> time(model, m -> model.encodeImages(MidModel.pixels(m, 8, dtype))));
            report("vision+qformer+proj (batch 1)", runs, 1,
                    () -> time(model, m -> model.languageInputs(MidModel.pixels(m, 1, dtype))));
            report("T5 encoder + cross K/V (batch 1)", runs, 1, () -> encoder(model, dtype, 1));
            report("T5 encoder + cross K/V (batch 8)", runs, 8, () -> encoder(model, dtype, 8));
            report("decoder step (batch 1, cache 10)", runs, 1, () -> decoderStep(model, dtype, 1, 10));
            report("decoder step (batch 8, cache 10)", runs, 8, () -> decoderStep(model, dtype, 8, 10));
            report("greedy 20 (batch 1)", runs, 1, () -> caption(model, dtype, 1, MidModel.decoding(1, 20)));
            report("greedy 20 (batch 8)", runs, 8, () -> caption(model, dtype, 8, MidModel.decoding(1, 20)));
            report("beam 5, 20 tokens (batch 1)", runs, 1, () -> caption(model, dtype, 1, MidModel.decoding(5, 20)));
        }
    }

    interface Work {
        Object run(NDManager m);
    }

    private static double time(Blip2Model model, Work work) {
        try (NDManager m = model.manager().newSubManager()) {
            long t = start();
            Object r = work.run(m);
            if (r instanceof NDArray a) {
                a.toFloatArray();
            }
            return stop(t);
        }
    }

    /** Opening a session: the T5 encoder over the 32 query embeddings and every layer's cross K/V. */
    private static double encoder(Blip2Model model, DataType dtype, int batch) {
        try (NDManager m = model.manager().newSubManager()) {
            NDArray prefix = model.languageInputs(MidModel.pixels(m, batch, dtype));
            long t = start();
            Blip2Generation.startFromPrefix(model, prefix, null).close();
            return stop(t);
        }
    }

    private static double decoderStep(Blip2Model model, DataType dtype, int batch, int cached) {
        try (NDManager m = model.manager().newSubManager()) {
            NDArray prefix = model.languageInputs(MidModel.pixels(m, batch, dtype));
            try (GenerationSession s = Blip2Generation.startFromPrefix(model, prefix, null)) {
                float[] logits = new float[batch * s.vocabSize()];
                int[] tokens = new int[batch];
                for (int i = 0; i < cached; i++) {
                    s.nextLogits(tokens, logits);
                }
                long t = start();
                s.nextLogits(tokens, logits);
                return stop(t);
            }
        }
    }

    static double caption(Blip2Model model, DataType dtype, int batch, GenerationConfig config) {
        try (NDManager m = model.manager().newSubManager()) {
            NDArray pixels = MidModel.pixels(m, batch, dtype);
            long t = start();
            try (GenerationSession s = Blip2Generation.start(model, pixels, null)) {
                int[] lead = new int[batch];
                Arrays.fill(lead, s.leadingTokenId());
                Generator.generate(s, lead, config, null);
            }
            return stop(t);
        }
    }

    private static void report(String name, int runs, int images, Supplier<Double> once) {
        once.get(); // warm-up
        double[] s = new double[runs];
        double[] cpu = new double[runs];
        for (int i = 0; i < runs; i++) {
            s[i] = once.get();
            cpu[i] = lastCpu;
        }
        Arrays.sort(s);
        Arrays.sort(cpu);
        double median = s[runs / 2];
        System.out.printf(Locale.ROOT, "%-36s median %8.1f ms  (min %8.1f)  %6.2f images/s  [main-thread cpu median %8.1f ms]%n",
                name, median * 1e3, s[0] * 1e3, images / median, cpu[runs / 2] * 1e3);
    }

    /**
     * CPU time of the timed part on the calling thread: all of the work with one intra-op thread (so
     * it tells work from waiting on a busy machine), a lower bound with more.
     */
    private static double lastCpu;
    private static long cpuStart;

    private static long start() {
        cpuStart = THREADS.getCurrentThreadCpuTime();
        return System.nanoTime();
    }

    private static double stop(long wallStart) {
        double wall = (System.nanoTime() - wallStart) / 1e9;
        lastCpu = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        return wall;
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
}
