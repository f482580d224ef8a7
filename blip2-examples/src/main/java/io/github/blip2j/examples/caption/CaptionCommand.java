package io.github.blip2j.examples.caption;

import io.github.blip2j.core.Caption;
import io.github.blip2j.core.Captioner;
import io.github.blip2j.core.CaptionerBuilder;
import io.github.blip2j.core.CaptionRequest;
import io.github.blip2j.core.image.RgbImage;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code blip2 caption}: captions image files (or a JSON Lines manifest) with a BLIP-2 model.
 * Exit codes: 0 all captioned; 1 some image could not be read (each reported on stderr with its
 * path, the others still captioned) or the model could not be loaded; 2 invalid arguments.
 */
@Command(name = "caption", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Caption images with a BLIP-2 model.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:all images captioned", "1:an image could not be read, or the model could not be loaded",
            "2:invalid arguments"})
public final class CaptionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR_OR_ID",
            description = "Model directory or Hugging Face id (local dir, then the HF cache, then download).")
    String model;

    @Option(names = "--num-beams", paramLabel = "N", description = "Beam search with N beams (default 1: greedy).")
    Integer numBeams;

    @Option(names = "--top-k", paramLabel = "K", description = "Sample from the K most likely tokens (0: all).")
    Integer topK;

    @Option(names = "--top-p", paramLabel = "P", description = "Sample from the smallest set with probability >= P.")
    Double topP;

    @Option(names = "--temperature", paramLabel = "T", description = "Sampling temperature (> 0).")
    Double temperature;

    @Option(names = "--repetition-penalty", paramLabel = "R", description = "Penalty for repeated tokens (1: none).")
    Double repetitionPenalty;

    @Option(names = "--no-repeat-ngram-size", paramLabel = "N", description = "Never repeat an N-gram (0: off).")
    Integer noRepeatNgramSize;

    @Option(names = "--length-penalty", paramLabel = "L", description = "Beam score = logprob / length^L (default 1).")
    Double lengthPenalty;

    @Option(names = "--min-new-tokens", paramLabel = "N", description = "No eos before N new tokens.")
    Integer minNewTokens;

    @Option(names = "--max-new-tokens", paramLabel = "N", description = "At most N new tokens (default 19, HF's max_length 20).")
    Integer maxNewTokens;

    @Option(names = "--num-return-sequences", paramLabel = "N", description = "Captions per image (beam search or sampling).")
    Integer numReturnSequences;

    @Option(names = "--seed", paramLabel = "S", description = "Sampling seed (reproducible captions).")
    Long seed;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "Prompt for images without one of their own.")
    String prompt;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "8", description = "Images per batch (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--threads", paramLabel = "N",
            description = "libtorch intra-op threads (default: the cores left free by the current load average, at least 1).")
    Integer threads;

    @Option(names = "--json", description = "Print one JSON array: {image, caption, token_ids, score} per input and sequence.")
    boolean json;

    @Option(names = "--manifest", paramLabel = "FILE.jsonl",
            description = "JSON Lines, one {\"image\": \"path\", \"prompt\": \"optional\"} per line (paths relative to the file).")
    Path manifest;

    @Parameters(paramLabel = "IMAGE", arity = "0..*", description = "Image files.")
    List<String> images = new ArrayList<>();

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        PrintWriter err = cmd.getErr();
        List<ManifestEntry> entries = entries();
        CaptionerBuilder builder = configure();
        int failed = 0;
        try (Captioner captioner = load(builder, err)) {
            if (captioner == null) {
                return 1;
            }
            CaptionOutput output = new CaptionOutput(cmd.getOut(), json);
            for (int start = 0; start < entries.size(); start += batchSize) {
                failed += captionBatch(captioner, entries.subList(start, Math.min(entries.size(), start + batchSize)),
                        output, err);
            }
            output.finish();
        }
        if (failed > 0) {
            err.println("error: " + failed + " of " + entries.size() + " images could not be read");
            err.flush();
        }
        return failed > 0 ? 1 : 0;
    }

    private List<ManifestEntry> entries() {
        if (manifest != null && !images.isEmpty()) {
            throw usage("give either IMAGE... or --manifest, not both");
        }
        if (manifest == null && images.isEmpty()) {
            throw usage("no images: give IMAGE... or --manifest FILE.jsonl");
        }
        if (manifest == null) {
            return images.stream().map(s -> new ManifestEntry(s, Path.of(s), null)).toList();
        }
        try {
            return Manifest.read(manifest);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw usage("--manifest: " + e.getMessage());
        }
    }

    /** Applies every option; a value out of range is a usage error (exit 2). */
    private CaptionerBuilder configure() {
        try {
            CaptionerBuilder b = Captioner.builder().model(model).batchSize(batchSize).prompt(prompt);
            if (numBeams != null) {
                b.numBeams(numBeams);
            }
            if (topK != null) {
                b.topK(topK);
            }
            if (topP != null) {
                b.topP(topP);
            }
            if (temperature != null) {
                b.temperature(temperature);
            }
            if (repetitionPenalty != null) {
                b.repetitionPenalty(repetitionPenalty);
            }
            if (noRepeatNgramSize != null) {
                b.noRepeatNgramSize(noRepeatNgramSize);
            }
            if (lengthPenalty != null) {
                b.lengthPenalty(lengthPenalty);
            }
            if (minNewTokens != null) {
                b.minNewTokens(minNewTokens);
            }
            if (maxNewTokens != null) {
                b.maxNewTokens(maxNewTokens);
            }
            if (numReturnSequences != null) {
                b.numReturnSequences(numReturnSequences);
            }
            if (seed != null) {
                b.seed(seed);
            }
            b.threads(threads != null ? threads
                    : autoThreads(Runtime.getRuntime().availableProcessors(),
                            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
            return b.validate();
        } catch (IllegalArgumentException e) {
            throw usage(optionNames(e.getMessage()));
        }
    }

    /** Loads the model; a failure is reported and yields null (exit 1). */
    private static Captioner load(CaptionerBuilder builder, PrintWriter err) {
        try {
            return builder.build();
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            err.println("error: cannot load the model: " + e.getMessage());
        } catch (RuntimeException e) {
            err.println("error: " + e.getMessage());
        }
        err.flush();
        return null;
    }

    private static int captionBatch(Captioner captioner, List<ManifestEntry> batch, CaptionOutput output,
            PrintWriter err) {
        List<CaptionRequest> requests = new ArrayList<>();
        List<ManifestEntry> readable = new ArrayList<>();
        for (ManifestEntry e : batch) {
            try {
                requests.add(new CaptionRequest(RgbImage.read(e.path()), e.prompt()));
                readable.add(e);
            } catch (UncheckedIOException | IllegalArgumentException ex) {
                String why = String.valueOf(ex.getMessage());
                err.println("error: " + (why.contains(e.path().toString()) ? why : "cannot read image " + e.path() + ": " + why));
                err.flush();
            }
        }
        if (!requests.isEmpty()) {
            for (Caption c : captioner.caption(requests)) {
                output.add(readable.get(c.index()).label(), c);
            }
        }
        return batch.size() - readable.size();
    }

    /**
     * Intra-op threads when {@code --threads} is not given: the cores not already kept busy by other
     * processes (1-minute load average), at least 1. libtorch's own default (one thread per core)
     * waits at every op for threads the OS has descheduled when the cores are shared: captioning ran
     * ~11x slower with 2 threads than with 1 on 2 cores at a load of ~5.
     *
     * @param load the load average, negative when unknown (then every core is used)
     */
    static int autoThreads(int cores, double load) {
        if (load < 0 || Double.isNaN(load)) {
            return Math.max(1, cores);
        }
        return (int) Math.max(1, Math.min(cores, Math.round(cores - load)));
    }

    /** Builder messages name Java knobs; the user typed options. */
    private static String optionNames(String message) {
        String[][] names = {{"numBeams", "--num-beams"}, {"num_beams", "--num-beams"}, {"topK", "--top-k"},
            {"topP", "--top-p"}, {"temperature", "--temperature"}, {"repetitionPenalty", "--repetition-penalty"},
            {"noRepeatNgramSize", "--no-repeat-ngram-size"}, {"lengthPenalty", "--length-penalty"},
            {"minNewTokens", "--min-new-tokens"}, {"maxNewTokens", "--max-new-tokens"},
            {"numReturnSequences", "--num-return-sequences"}, {"num_return_sequences", "--num-return-sequences"},
            {"batchSize", "--batch-size"}, {"threads", "--threads"}};
        // "num_return_sequences (numReturnSequences) = 2" -> "numReturnSequences = 2" first.
        String m = message.replaceAll("\\b[a-z]+(?:_[a-z]+)+ \\((\\w+)\\)", "$1");
        for (String[] n : names) {
            m = m.replaceAll("\\b" + n[0] + "\\b", n[1]);
        }
        return m;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
