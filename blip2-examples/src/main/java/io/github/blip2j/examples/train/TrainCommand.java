package io.github.blip2j.examples.train;

import io.github.blip2j.core.data.BadRowPolicy;
import io.github.blip2j.core.data.CaptionDataset;
import io.github.blip2j.core.data.DatasetException;
import io.github.blip2j.core.data.DatasetFormat;
import io.github.blip2j.core.data.DatasetSplits;
import io.github.blip2j.core.data.ReadOptions;
import io.github.blip2j.core.hub.HubException;
import io.github.blip2j.core.train.FineTuner;
import io.github.blip2j.core.train.ScheduleKind;
import io.github.blip2j.core.train.Trainable;
import io.github.blip2j.core.train.TrainingResult;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code blip2 train}: fine-tunes BLIP-2 on captioned images with {@code FineTuner}; writes checkpoints,
 * {@code train-log.jsonl}, {@code metrics.json} and the exported model ({@code RUN_DIR/model/}). Exit code
 * 0 on success, 2 on bad arguments or data (one line on stderr saying what and where).
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fine-tune BLIP-2 on image captions (Q-Former by default, the BLIP-2 recipe).",
                "Writes RUN_DIR/checkpoints/, train-log.jsonl, metrics.json and the exported model RUN_DIR/model/;"
                        + " --resume continues a killed run from its newest intact checkpoint."})
public final class TrainCommand implements Callable<Integer> {

    /** Exit code for bad arguments or data. */
    public static final int BAD_INPUT = 2;

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR_OR_ID", description = "Model folder or hub id")
    private String model;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "Captions: Flickr8k token file, Karpathy JSON, CSV (image,caption) or COCO captions JSON")
    private Path data;

    @Option(names = "--images", required = true, paramLabel = "DIR", description = "Image folder")
    private Path images;

    @Option(names = "--out", required = true, paramLabel = "RUN_DIR", description = "Run folder")
    private Path out;

    @Option(names = "--format", paramLabel = "FORMAT", description = "flickr8k|karpathy|csv|coco (default: from the file)")
    private String format;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "3", description = "Epochs (default: ${DEFAULT-VALUE})")
    private int epochs;

    @Option(names = "--lr", paramLabel = "X", defaultValue = "1e-5", description = "Peak learning rate (default: ${DEFAULT-VALUE})")
    private double lr;

    @Option(names = "--warmup", paramLabel = "STEPS", defaultValue = "0",
            description = "Linear warm-up steps before the decay (default: ${DEFAULT-VALUE})")
    private long warmup;

    @Option(names = "--schedule", paramLabel = "KIND", defaultValue = "cosine",
            description = "Learning rate after the warm-up: cosine, linear or constant (default: ${DEFAULT-VALUE})")
    private String schedule;

    @Option(names = "--group-by-length",
            description = "Batch captions of similar length together: less padding, cheaper steps (as Hugging Face's group_by_length)")
    private boolean groupByLength;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "8", description = "Batch size (default: ${DEFAULT-VALUE})")
    private int batchSize;

    @Option(names = "--grad-accum", paramLabel = "N", defaultValue = "1",
            description = "Micro-batches per optimizer step (default: ${DEFAULT-VALUE})")
    private int gradAccum;

    @Option(names = "--trainable", paramLabel = "SET", defaultValue = "qformer",
            description = "qformer|qformer+vision|all|lora (default: ${DEFAULT-VALUE})")
    private String trainable;

    @Option(names = "--lora-rank", paramLabel = "R", defaultValue = "8",
            description = "LoRA rank (alpha = 2 x rank) for --trainable lora (default: ${DEFAULT-VALUE})")
    private int loraRank;

    @Option(names = "--fp16", description = "Frozen parts the gradient does not cross in float16 (slower on most CPUs)")
    private boolean fp16;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--max-steps", paramLabel = "N",
            description = "Total optimizer steps of the run (also the schedule's length; overrides --epochs)")
    private Long maxSteps;

    @Option(names = "--val-fraction", paramLabel = "F", defaultValue = "0.05",
            description = "Share of images held out for validation, grouped by image; 0 = none; ignored for Karpathy"
                    + " files, which carry their own split (default: ${DEFAULT-VALUE})")
    private double valFraction;

    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "0",
            description = "Checkpoint every N steps as well as at each epoch end (default: epoch ends only)")
    private long checkpointEvery;

    @Option(names = "--resume", description = "Continue the run in RUN_DIR from its newest intact checkpoint")
    private boolean resume;

    @Option(names = "--prompt", paramLabel = "TEXT", defaultValue = "", description = "Prompt before each caption (default: none)")
    private String prompt;

    @Option(names = "--skip-bad-images", description = "Skip (and count) unreadable images instead of failing")
    private boolean skipBadImages;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintStream err = System.err;
        try (ProgressBarListener bar = new ProgressBarListener(err)) {
            TrainingResult r = configure(bar).fit();
            bar.close();
            stdout.printf(Locale.ROOT, "trained %d steps (%d epochs%s), %d skipped for non-finite values%n", r.steps(),
                    r.epochsCompleted(), r.stoppedEarly() ? ", stopped early" : "", r.skippedSteps());
            if (r.bestValidation() != null) {
                stdout.println("best validation (step " + r.bestValidation().step() + "): " + r.bestValidation().metrics());
            }
            stdout.println("model: " + r.exportedModel());
            stdout.println("log: " + r.trainLog());
            stdout.flush();
            return 0;
        } catch (BadInput | DatasetException | HubException | IllegalArgumentException e) {
            return fail(e.getMessage());
        } catch (IllegalStateException e) {
            // Resume refusals (settings differ, run folder already used) are usage errors.
            if (e.getMessage() != null && (e.getMessage().contains("resume") || e.getMessage().contains("checkpoints"))) {
                return fail(e.getMessage());
            }
            throw e;
        }
    }

    private FineTuner configure(ProgressBarListener bar) {
        if (!Files.isRegularFile(data)) {
            throw new BadInput("--data " + data + ": no such file");
        }
        if (!Files.isDirectory(images)) {
            throw new BadInput("--images " + images + ": no such folder");
        }
        if (!(valFraction >= 0 && valFraction < 1)) {
            throw new BadInput("--val-fraction must be in [0, 1), got " + valFraction);
        }
        DatasetFormat fmt = format == null ? DatasetFormat.detect(data) : DatasetFormat.parse(format);
        ReadOptions options = ReadOptions.builder().policy(skipBadImages ? BadRowPolicy.SKIP : BadRowPolicy.FAIL).build();
        CaptionDataset all = CaptionDataset.read(fmt, data, images, options);
        DatasetSplits splits;
        if (all.hasSplitLabels()) {
            splits = all.predefinedSplits();
        } else if (valFraction > 0) {
            splits = all.split(valFraction, 0, seed);
        } else {
            splits = new DatasetSplits(all, all.limit(0), all.limit(0));
        }
        Trainable t = Trainable.parse(trainable);
        FineTuner.Builder b = FineTuner.builder().model(model).data(splits).epochs(epochs).learningRate(lr)
                .schedule(warmup, ScheduleKind.parse(schedule)).batchSize(batchSize).groupByLength(groupByLength)
                .gradientAccumulation(gradAccum).trainable(t)
                .mixedPrecision(fp16).seed(seed).checkpointDir(out).checkpointEvery(checkpointEvery).resume(resume)
                .prompt(prompt).imagePolicy(skipBadImages ? BadRowPolicy.SKIP : BadRowPolicy.FAIL).listener(bar);
        if (t == Trainable.LORA) {
            b.lora(loraRank, 2.0 * loraRank);
        }
        if (maxSteps != null) {
            b.maxSteps(maxSteps);
        }
        if (splits.validation().size() > 0) {
            b.validationScorer(new MetricsScorer()).monitor("CIDEr", true);
        }
        return b.build();
    }

    private int fail(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("blip2 train: " + message);
        err.flush();
        return BAD_INPUT;
    }

    /** Bad arguments found before training starts. */
    private static final class BadInput extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadInput(String message) {
            super(message);
        }
    }
}
