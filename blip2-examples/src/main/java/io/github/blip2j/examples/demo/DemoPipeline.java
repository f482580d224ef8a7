package io.github.blip2j.examples.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.blip2j.core.data.CaptionDataset;
import io.github.blip2j.core.data.CaptionRecord;
import io.github.blip2j.core.data.DatasetSplits;
import io.github.blip2j.core.train.FineTuner;
import io.github.blip2j.core.train.StepRecord;
import io.github.blip2j.core.train.Trainable;
import io.github.blip2j.core.train.TrainingListener;
import io.github.blip2j.core.train.TrainingResult;
import io.github.blip2j.core.train.ValidationResult;
import io.github.blip2j.decoding.GenerationConfig;
import io.github.blip2j.examples.demo.data.DemoDataGenerator;
import io.github.blip2j.examples.demo.data.DemoDataset;
import io.github.blip2j.examples.report.HtmlReport;
import io.github.blip2j.examples.report.MetricSuite;
import io.github.blip2j.examples.report.LossPoint;
import io.github.blip2j.examples.report.Phase;
import io.github.blip2j.examples.report.ReportData;
import io.github.blip2j.examples.report.ReportEvaluator;
import io.github.blip2j.examples.report.ReportJson;
import io.github.blip2j.examples.report.StrategyRun;
import io.github.blip2j.metrics.analysis.ErrorAnalyzer;
import io.github.blip2j.metrics.analysis.GroundTruthObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The demo, end to end: generate the shapes data set, split it by image, write an untrained small
 * BLIP-2 with the data's word-level tokenizer, caption the test split, fine-tune every parameter with
 * {@link FineTuner}, caption again with the three strategies, score everything before and after, and
 * write {@code report.html} and {@code report.json}.
 *
 * <p>Folder layout under {@link DemoSettings#out()}: {@code data/} (Flickr8k layout plus
 * {@code objects.json}), {@code model-init/} (the untrained model, Hugging Face layout),
 * {@code run/} (the FineTuner run: {@code train-log.jsonl}, {@code metrics.json},
 * {@code checkpoints/}, and the trained model in {@code run/model/}), {@code captions/}
 * ({@code <strategy>-<before|after>.json} in COCO results format, which {@code blip2 eval} and
 * {@code blip2 report} read), {@code report.html}, {@code report.json}. Those entries are replaced
 * on each run; nothing else in the folder is touched.
 */
public final class DemoPipeline {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> OWN_ENTRIES = List.of("data", "model-init", "run", "captions", "report.html",
            "report.json");

    private final DemoSettings settings;
    private final PrintWriter console;
    private final List<TrainingListener> listeners;

    /**
     * @param settings  what to run
     * @param console   where stage messages and the summary go
     * @param listeners extra training listeners (the CLI adds a progress bar)
     */
    public DemoPipeline(DemoSettings settings, PrintWriter console, List<TrainingListener> listeners) {
        this.settings = settings;
        this.console = console;
        this.listeners = List.copyOf(listeners);
    }

    /** Runs every stage and writes the report. */
    public DemoResult run() {
        long start = System.nanoTime();
        Path out = settings.out();
        clean(out);
        Map<String, Object> info = new LinkedHashMap<>();
        Stopwatch watch = new Stopwatch();

        say("1/6 generating %d images of %d px in %s", settings.images(), settings.imageSize(), out.resolve("data"));
        DemoDataset data = DemoDataGenerator.builder().images(settings.images()).imageSize(settings.imageSize())
                .seed(settings.seed()).build().generate(out.resolve("data"));
        DatasetSplits splits = CaptionDataset.flickr8k(data.tokenFile(), data.imageDir())
                .split(settings.validationFraction(), settings.testFraction(), settings.seed());
        info.put("images (train / validation / test)", splits.train().size() + " / " + splits.validation().size()
                + " / " + splits.test().size());
        info.put("captions per image", data.scenes().get(0).captions().size());
        watch.lap(info, "time: data");

        say("2/6 building an untrained BLIP-2 (ViT + Q-Former + T5) and its word-level tokenizer");
        Path initDir = new DemoModelFactory(settings.model(), settings.seed()).write(data, out.resolve("model-init"));
        info.put("model", describe(settings.model()));
        watch.lap(info, "time: model");

        List<CaptionRecord> test = splits.test().records();
        Map<String, List<String>> references = splits.test().references();
        Map<String, List<GroundTruthObject>> objects = new LinkedHashMap<>();
        Map<String, List<GroundTruthObject>> truth = data.groundTruth();
        references.keySet().forEach(id -> objects.put(id, truth.get(id)));
        List<DemoStrategy> strategies = DemoStrategy.seedStrategies(settings.maxNewTokens(), settings.seed());
        // 32 images per call: the demo model is small enough that a decoding step costs about the same
        // for 16 or 32 rows (100 test images, 3 strategies, 1 thread: 4.6 s at 16, 3.3 s at 32, same captions).
        TestSplitCaptioner captioner = new TestSplitCaptioner(32);

        say("3/6 captioning the %d test images before training", test.size());
        Map<String, Map<String, String>> before = captioner.caption(initDir, strategies, test, settings.seed());
        watch.lap(info, "time: captioning before");

        say("4/6 fine-tuning all parameters with FineTuner");
        List<LossPoint> loss = new ArrayList<>();
        Path runDir = out.resolve("run");
        FineTuner.Builder tuner = FineTuner.builder().model(initDir).data(splits).trainable(Trainable.ALL)
                .epochs(settings.epochs()).batchSize(settings.batchSize()).groupByLength(settings.groupByLength())
                .learningRate(settings.learningRate())
                .schedule(settings.warmupSteps(), settings.schedule()).weightDecay(settings.weightDecay())
                .dropout(settings.dropout()).maxTargetTokens(48)
                .imageCacheSize(settings.images()).checkpointDir(runDir).seed(settings.seed())
                .logEvery(1_000_000).listener(lossRecorder(loss));
        if (splits.validation().size() > 0) {
            // Pick the exported epoch by what the learning bars measure, on validation images.
            tuner.validationScorer(new ObjectValidationScorer(truth))
                    .monitor(ObjectValidationScorer.MONITOR, true)
                    .validationDecoding(GenerationConfig.builder().maxNewTokens(settings.maxNewTokens()).build());
        }
        listeners.forEach(tuner::listener);
        TrainingResult training = tuner.build().fit();
        info.put("training", String.format(Locale.ROOT, "%d steps, %d epochs, batch %d, AdamW lr %.1e (warm-up %d,"
                        + " %s), weight decay %.2f, dropout %s, all parameters", training.steps(),
                training.epochsCompleted(), settings.batchSize(), settings.learningRate(), settings.warmupSteps(),
                settings.schedule().name().toLowerCase(Locale.ROOT), settings.weightDecay(),
                settings.dropout() ? "on" : "off"));
        if (training.bestValidation() != null) {
            ValidationResult best = training.bestValidation();
            info.put("exported weights", String.format(Locale.ROOT, "epoch %d of %d (best validation %s %.3f)",
                    best.epoch() + 1, training.epochsCompleted(), ObjectValidationScorer.MONITOR, best.monitored()));
        }
        watch.lap(info, "time: training");

        say("5/6 captioning the test images with the trained model");
        Map<String, Map<String, String>> after = captioner.caption(training.exportedModel(), strategies, test,
                settings.seed());
        watch.lap(info, "time: captioning after");

        say("6/6 scoring and writing the report");
        // Not SPICE: CoreNLP's cubic-time parser spends ~4 minutes of the 10-minute budget on the untrained
        // model's 40-token gibberish (measured: 200 sampled captions in 105-118 s on 2 threads).
        ReportEvaluator evaluator = new ReportEvaluator(MetricSuite.all(), ErrorAnalyzer.builder().build());
        Map<String, String> descriptions = new LinkedHashMap<>();
        Map<String, Map<Phase, StrategyRun>> runs = new LinkedHashMap<>();
        for (DemoStrategy s : strategies) {
            descriptions.put(s.name(), s.description());
            Map<Phase, StrategyRun> phases = new EnumMap<>(Phase.class);
            phases.put(Phase.BEFORE, evaluator.evaluate(before.get(s.name()), references, objects));
            phases.put(Phase.AFTER, evaluator.evaluate(after.get(s.name()), references, objects));
            runs.put(s.name(), phases);
            writeCaptions(out.resolve("captions").resolve(s.name() + "-before.json"), before.get(s.name()));
            writeCaptions(out.resolve("captions").resolve(s.name() + "-after.json"), after.get(s.name()));
        }
        Map<String, Path> images = new LinkedHashMap<>();
        test.forEach(r -> images.put(r.imageId(), r.imagePath()));
        info.put("seed", settings.seed());
        watch.lap(info, "time: scoring");
        double seconds = (System.nanoTime() - start) / 1e9;
        info.put("time: total", Stopwatch.format(seconds));
        List<String> gallery = ReportData.firstImages(references, settings.galleryImages());
        ReportData report = new ReportData("blip2 demo: fine-tuning a small BLIP-2 on generated shapes", descriptions,
                runs, references, images, objects, loss, info, gallery);
        Path html = out.resolve("report.html");
        Path json = out.resolve("report.json");
        HtmlReport.write(report, html);
        ReportJson.write(report, json);
        return new DemoResult(report, html, json, training, seconds);
    }

    private void say(String format, Object... args) {
        console.println(String.format(Locale.ROOT, format, args));
        console.flush();
    }

    private static String describe(DemoModelSize m) {
        return String.format(Locale.ROOT, "ViT %dx%d px, patch %d, %d layers x %d wide; Q-Former %d layers x %d wide, %d"
                        + " queries; T5 %d+%d layers x %d wide", m.imageSize(), m.imageSize(), m.patchSize(), m.visionLayers(),
                m.visionHidden(), m.qformerLayers(), m.qformerHidden(), m.queryTokens(), m.textLayers(), m.textLayers(),
                m.textHidden());
    }

    private static TrainingListener lossRecorder(List<LossPoint> loss) {
        return new TrainingListener() {
            @Override
            public void onStep(StepRecord step) {
                loss.add(new LossPoint(step.step(), step.loss(), false));
            }

            @Override
            public void onValidation(ValidationResult result) {
                loss.add(new LossPoint(result.step(), result.loss(), true));
            }
        };
    }

    /** COCO results format, {@code [{"image_id": .., "caption": ..}]}, which {@code blip2 eval} reads. */
    private static void writeCaptions(Path file, Map<String, String> captions) {
        ArrayNode arr = JSON.createArrayNode();
        captions.forEach((id, c) -> arr.addObject().put("image_id", id).put("caption", c));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
            Files.writeString(tmp, JSON.writeValueAsString(arr) + "\n");
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise captions", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Removes what an earlier demo run left in {@code out} (only the demo's own entries). */
    private static void clean(Path out) {
        try {
            Files.createDirectories(out);
            for (String name : OWN_ENTRIES) {
                Path p = out.resolve(name);
                if (Files.exists(p)) {
                    try (Stream<Path> walk = Files.walk(p)) {
                        for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
                            Files.delete(f);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare demo folder " + out + ": " + e.getMessage(), e);
        }
    }

    /** Wall time per stage, into the report's facts. */
    private static final class Stopwatch {
        private long last = System.nanoTime();

        void lap(Map<String, Object> info, String name) {
            long now = System.nanoTime();
            info.put(name, format((now - last) / 1e9));
            last = now;
        }

        static String format(double seconds) {
            return seconds >= 60 ? String.format(Locale.ROOT, "%dm%04.1fs", (long) seconds / 60, seconds % 60)
                    : String.format(Locale.ROOT, "%.1fs", seconds);
        }
    }
}
