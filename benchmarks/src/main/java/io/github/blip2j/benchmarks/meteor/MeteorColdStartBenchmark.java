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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * First METEOR evaluation in a fresh JVM: loading the WordNet resources, building the scorer and
 * scoring 5,000 images x 5 references with a cold JIT (the closest in-process equivalent of one
 * pycocoevalcap {@code Meteor().compute_score} call, which starts a JVM). One measurement per
 * fork. Run:
 * {@code java -Dai.djl.offline=true -jar benchmarks/target/benchmarks.jar MeteorColdStart -f 5 -wi 0 -i 1}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 5, jvmArgs = {"-Xmx2g", "-Dai.djl.offline=true"})
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class MeteorColdStartBenchmark {

    private SyntheticCaptionCorpus corpus;

    @Setup
    public void setUp() {
        corpus = SyntheticCaptionCorpus.generate(5000, 5, 20240611L);
    }

    @Benchmark
    public MeteorResult loadAndEvaluate5000x5(ProcessCpuCounter cpu) {
        cpu.start();
        MeteorResult result = Meteor.builder().build().evaluate(corpus.candidates(), corpus.references());
        cpu.stop();
        return result;
    }
}
