package io.github.blip2j.benchmarks.decoding;

import io.github.blip2j.decoding.DecodingStrategy;
import io.github.blip2j.decoding.GenerationConfig;
import io.github.blip2j.decoding.NextTokenModel;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the decoding strategy alone, per step, at a t5 vocabulary (32,128) with the logits given:
 * the model is a stub that copies pre-drawn logits rows into the strategy's buffer. Each invocation
 * generates {@value #STEPS} tokens for a batch of {@value #BATCH} (eos never wins, so every step runs
 * on every row) and JMH divides by the step count. {@code copyOnly*} measure the stub's copy alone,
 * i.e. what any runtime pays to hand logits over; subtract it to get the strategy's own cost.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar DecodingStepBenchmark -f 1 -wi 2 -i 3}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class DecodingStepBenchmark {

    static final int VOCAB = 32_128;
    static final int BATCH = 8;
    static final int BEAMS = 5;
    static final int STEPS = 16;
    private static final int POOL_ROWS = 64;
    private static final int EOS = 1;

    private float[] pool;
    private float[] poolLse;
    private DecodingStrategy greedy;
    private DecodingStrategy beam;
    private DecodingStrategy beamWithProcessors;
    private DecodingStrategy topP;
    private int[] leading;

    /** Serves pool rows in rotation; optionally also their log-sum-exp, as a device runtime could. */
    static final class StubModel implements NextTokenModel {
        private final float[] pool;
        private final float[] poolLse;
        private final boolean supplyLse;
        private int next;

        StubModel(float[] pool, float[] poolLse, boolean supplyLse) {
            this.pool = pool;
            this.poolLse = poolLse;
            this.supplyLse = supplyLse;
        }

        @Override
        public int vocabSize() {
            return VOCAB;
        }

        @Override
        public void nextLogits(int[] lastTokens, float[] logits) {
            for (int r = 0; r < lastTokens.length; r++) {
                System.arraycopy(pool, row(r) * VOCAB, logits, r * VOCAB, VOCAB);
            }
            next += lastTokens.length;
        }

        @Override
        public boolean nextLogitsAndLogSumExp(int[] lastTokens, float[] logits, float[] logSumExp) {
            for (int r = 0; r < lastTokens.length; r++) {
                logSumExp[r] = poolLse[row(r)];
            }
            nextLogits(lastTokens, logits);
            return supplyLse;
        }

        private int row(int r) {
            return (next + r * 7) % POOL_ROWS;
        }

        @Override
        public void selectRows(int[] rows) {}
    }

    @Setup
    public void setUp() {
        SplittableRandom r = new SplittableRandom(42);
        pool = new float[POOL_ROWS * VOCAB];
        poolLse = new float[POOL_ROWS];
        for (int row = 0; row < POOL_ROWS; row++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int t = 0; t < VOCAB; t++) {
                // Roughly the shape of real LM logits: a broad bulk and a few strong candidates.
                double v = r.nextGaussian() * 2.5 + (r.nextInt(2000) == 0 ? 12 : 0);
                pool[row * VOCAB + t] = (float) v;
                m = Math.max(m, v);
            }
            pool[row * VOCAB + EOS] = -50f;
            double s = 0;
            for (int t = 0; t < VOCAB; t++) {
                s += Math.exp(pool[row * VOCAB + t] - m);
            }
            poolLse[row] = (float) (m + Math.log(s));
        }
        GenerationConfig base = GenerationConfig.builder().maxNewTokens(STEPS).eosTokenIds(EOS).padTokenId(0).build();
        greedy = base.strategy();
        beam = base.toBuilder().numBeams(BEAMS).build().strategy();
        beamWithProcessors = base.toBuilder().numBeams(BEAMS).repetitionPenalty(1.2).noRepeatNgramSize(3).build()
                .strategy();
        topP = base.toBuilder().doSample(true).topK(0).topP(0.9).seed(7L).build().strategy();
        leading = new int[BATCH];
    }

    private static void copySteps(StubModel model, int rows, float[] buffer) {
        int[] tokens = new int[rows];
        for (int s = 0; s < STEPS; s++) {
            model.nextLogits(tokens, buffer);
        }
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public Object beam5x8CpuLogSumExp() {
        return beam.generate(new StubModel(pool, poolLse, false), leading);
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public Object beam5x8DeviceLogSumExp() {
        return beam.generate(new StubModel(pool, poolLse, true), leading);
    }

    /** Beam search with repetition_penalty 1.2 and no_repeat_ngram_size 3 (the general, processed path). */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public Object beam5x8Processors() {
        return beamWithProcessors.generate(new StubModel(pool, poolLse, false), leading);
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public Object greedy8() {
        return greedy.generate(new StubModel(pool, poolLse, false), leading);
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public Object topP09x8() {
        return topP.generate(new StubModel(pool, poolLse, false), leading);
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public float copyOnly5x8() {
        float[] buffer = new float[BATCH * BEAMS * VOCAB];
        copySteps(new StubModel(pool, poolLse, false), BATCH * BEAMS, buffer);
        return buffer[VOCAB];
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public float copyOnly8() {
        float[] buffer = new float[BATCH * VOCAB];
        copySteps(new StubModel(pool, poolLse, false), BATCH, buffer);
        return buffer[VOCAB];
    }
}
