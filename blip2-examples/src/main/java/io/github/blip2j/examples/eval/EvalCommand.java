package io.github.blip2j.examples.eval;

import io.github.blip2j.metrics.CaptionMetrics;
import io.github.blip2j.metrics.CaptionTokenizer;
import io.github.blip2j.metrics.MetricReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code blip2 eval}: pycocoevalcap-compatible caption metrics of a COCO results file against COCO
 * caption annotations or a Flickr8k token file. Exit code 0 on success, 2 on unreadable or
 * malformed input (one line on stderr naming the file, line or image id).
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Score captions with BLEU, METEOR, ROUGE-L, CIDEr-D, SPICE, Distinct-n and Self-BLEU as pycocoevalcap does.")
public final class EvalCommand implements Callable<Integer> {

    /** Exit code for unreadable or malformed input. */
    public static final int BAD_INPUT = 2;

    @Spec
    private CommandSpec spec;

    @Option(names = "--predictions", required = true, paramLabel = "RESULTS",
            description = "COCO results JSON: [{\"image_id\": .., \"caption\": \"..\"}, ...]")
    private Path predictions;

    @Option(names = "--references", required = true, paramLabel = "REFS",
            description = "COCO caption annotations JSON, or a Flickr8k token file (IMAGE#N<TAB>caption)")
    private Path references;

    @Option(names = "--metrics", paramLabel = "LIST", defaultValue = "bleu,meteor,rouge,cider,distinct,selfbleu",
            description = "Comma list of bleu, meteor, rouge, cider, spice, distinct, selfbleu (default: ${DEFAULT-VALUE}). "
                    + "spice is left out of the default because it is slow: it parses every distinct caption with "
                    + "Stanford CoreNLP (a few seconds to load the parser, then about 0.2-0.5 s of CPU per caption; "
                    + "long captions need a few GB of heap). With --json, spice adds SPICE_detail to every image.")
    private String metrics;

    @Option(names = "--spice-cache", paramLabel = "FILE",
            description = "With spice: keep caption parses in FILE across runs (re-scoring new predictions "
                    + "against the same references then parses only the predictions)")
    private Path spiceCache;

    @Option(names = "--json", description = "Print one JSON object {\"corpus\", \"per_image\", \"signatures\"} instead of a table"
            + " (with spice, each image also has \"SPICE_detail\": per category pr, re, f, fn, numImages, fp, tp)")
    private boolean json;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all processors)")
    private Integer threads;

    private static void warmUpTokenizer() {
        CaptionTokenizer.ptb().tokenize("A man's dog (2 of them) doesn't run on the U.S. beach, at 10:30 a.m.!");
    }

    /** The value of a finished future, rethrowing what its task threw. */
    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            CaptionMetrics.Builder builder = CaptionMetrics.builder();
            for (MetricChoice c : MetricChoice.parse(metrics)) {
                if (c == MetricChoice.SPICE && spiceCache != null) {
                    builder.spice(spiceCache);
                } else {
                    c.addTo(builder);
                }
            }
            if (threads != null) {
                builder.threads(threads);
            }
            CaptionMetrics evaluator;
            try {
                evaluator = builder.build();
            } catch (IllegalStateException e) {
                // e.g. spice without the blip2-spice jar on the class path: the message says what to add
                err.println("blip2 eval: " + e.getMessage());
                err.flush();
                return 1;
            }
            // start-up overlap: build the tokenizer and read the predictions while the references load
            CompletableFuture<Void> tokenizerReady = CompletableFuture.runAsync(EvalCommand::warmUpTokenizer);
            CompletableFuture<Map<String, String>> predsRead = CompletableFuture.supplyAsync(() -> CaptionFiles.readPredictions(predictions));
            Map<String, List<String>> refs = CaptionFiles.readReferences(references);
            Map<String, String> preds = join(predsRead);
            join(tokenizerReady);
            MetricReport report;
            try {
                report = evaluator.evaluate(preds, refs);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(predictions + " vs " + references + ": " + e.getMessage(), e);
            }
            out.println(json ? report.toJson() : ReportTable.render(report));
            out.flush();
            return 0;
        } catch (BadInputException e) {
            err.println("blip2 eval: " + e.getMessage());
            err.flush();
            return BAD_INPUT;
        } catch (IllegalArgumentException e) {
            err.println("blip2 eval: " + e.getMessage());
            err.flush();
            return BAD_INPUT;
        }
    }
}
