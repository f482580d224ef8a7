package io.github.blip2j.benchmarks.metrics;

import io.github.blip2j.metrics.CaptionMetrics;
import io.github.blip2j.metrics.CaptionTokenizer;
import io.github.blip2j.metrics.MetricReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * The whole pycocoevalcap-style evaluation (PTB tokenization + BLEU-1..4 + ROUGE-L + CIDEr-D) of
 * 5,000 synthetic COCO-like images with 5 references each; pycocoevalcap needs about 6.9 s for
 * this on a 2-core machine. Also the tokenizer alone. Run:
 * {@code java -jar benchmarks/target/benchmarks.jar EvaluationBenchmark -f 1 -wi 5 -i 10}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g", "-Dai.djl.offline=true"})
public class EvaluationBenchmark {

    @Param({"5000"})
    public int images;

    /** Worker threads; 0 = available processors. */
    @Param({"0"})
    public int threads;

    private Map<String, String> predictions;
    private Map<String, List<String>> references;
    private List<String> referenceStream;
    private CaptionMetrics metrics;

    @Setup
    public void setUp() {
        List<SyntheticCaptions.Image> set = new SyntheticCaptions(20240611L).images(images, 5);
        predictions = SyntheticCaptions.predictions(set);
        references = SyntheticCaptions.references(set);
        referenceStream = new ArrayList<>();
        references.values().forEach(referenceStream::addAll);
        CaptionMetrics.Builder builder = CaptionMetrics.builder().bleu(4).rougeL().cider();
        if (threads > 0) {
            builder.threads(threads);
        }
        metrics = builder.build();
    }

    /** Tokenize references and candidates, then BLEU-1..4, ROUGE-L and CIDEr-D, corpus and per image. */
    @Benchmark
    public MetricReport evaluate() {
        return metrics.evaluate(predictions, references);
    }

    /** The PTB tokenization of the 25,000 references alone. */
    @Benchmark
    public List<String> tokenizeReferences() {
        return CaptionTokenizer.ptb().tokenizeAll(referenceStream);
    }
}
