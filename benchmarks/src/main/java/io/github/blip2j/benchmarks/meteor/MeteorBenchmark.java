package io.github.blip2j.benchmarks.meteor;

import io.github.blip2j.metrics.meteor.Meteor;
import io.github.blip2j.metrics.meteor.MeteorResult;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * METEOR (no paraphrase table) over 5,000 images x 5 references, the workload pycocoevalcap's
 * jar-based METEOR needs 6.9 s for on a 2-core machine. Time per full corpus evaluation, with
 * the scorer already built (WordNet loaded); see {@link MeteorColdStartBenchmark} for the time
 * including loading. Run:
 * {@code java -Dai.djl.offline=true -jar benchmarks/target/benchmarks.jar MeteorBenchmark -f 1 -wi 2 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx2g", "-Dai.djl.offline=true"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class MeteorBenchmark {

    /** Worker threads; 0 means all available processors. */
    @Param({"0", "1"})
    public int threads;

    private Meteor meteor;
    private SyntheticCaptionCorpus corpus;

    @Setup
    public void setUp() {
        corpus = SyntheticCaptionCorpus.generate(5000, 5, 20240611L);
        int n = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        meteor = Meteor.builder().parallelism(n).build();
    }

    @Benchmark
    public MeteorResult evaluate5000x5(ProcessCpuCounter cpu) {
        cpu.start();
        MeteorResult result = meteor.evaluate(corpus.candidates(), corpus.references());
        cpu.stop();
        return result;
    }
}
