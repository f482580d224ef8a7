package io.github.blip2j.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.blip2j.core.data.Batch;
import io.github.blip2j.core.data.BatchIterator;
import io.github.blip2j.core.data.CaptionExample;
import io.github.blip2j.core.data.ImageBatchLoader;
import io.github.blip2j.core.hub.ModelResolver;
import io.github.blip2j.core.image.BlipImageProcessor;
import io.github.blip2j.core.io.SafetensorsReader;
import io.github.blip2j.core.model.Blip2Model;
import io.github.blip2j.core.model.ModelParameter;
import io.github.blip2j.core.text.TextTokenizer;
import io.github.blip2j.decoding.DecodingStrategy;
import io.github.blip2j.decoding.GenerationConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One {@link FineTuner#fit()} call: the loop, its resources and its state. */
final class TrainingRun implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FineTuner.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Batches per length-sorted window under {@code groupByLength} (Hugging Face's megabatch of 50). */
    static final int LENGTH_WINDOW_BATCHES = 50;

    private final FineTuner.Builder s;
    private final List<TrainingListener> listeners;
    private Blip2Model model;
    private boolean ownsModel;
    private Path sourceDir;
    private TextTokenizer tokenizer;
    private LoraAdapters lora;
    private AdamW adamw;
    private TrainStep step;
    private CaptionEncoder encoder;
    private ImageBatchLoader<CaptionExample> loader;
    private Validator validator;
    private CheckpointStore store;
    private TrainLog log;
    private LearningRateSchedule schedule;
    private int height;
    private int width;
    private int batchesPerEpoch;
    private long stepsPerEpoch;
    private long totalSteps;
    private int epochsToRun;
    private RunState st = new RunState();
    private Path lastCheckpoint;
    private Path bestCheckpoint;
    private long resumedFrom;
    private long startNanos;

    private TrainingRun(FineTuner.Builder s) {
        this.s = s;
        this.listeners = List.copyOf(s.listeners);
    }

    static TrainingRun open(FineTuner.Builder s) {
        TrainingRun run = new TrainingRun(s);
        try {
            run.setUp();
            return run;
        } catch (RuntimeException e) {
            run.close();
            throw e;
        }
    }

    private void setUp() {
        loadModel();
        tokenizer = TextTokenizer.load(sourceDir);
        BlipImageProcessor processor = BlipImageProcessor.fromConfig(sourceDir);
        height = processor.height();
        width = processor.width();
        encoder = new CaptionEncoder(tokenizer, model.config().text(), s.prompt, s.maxTargetTokens);
        if (model.dtype() != DataType.FLOAT32) {
            throw new IllegalArgumentException("model: fine-tuning needs a FLOAT32 model, got " + model.dtype()
                    + " (DJL 0.36 casts are not differentiable); use mixedPrecision(true) for FLOAT16 frozen parts");
        }
        Map<String, NDArray> params = selectTrainable();
        if (s.mixedPrecision) {
            java.util.Set<String> adapted = lora == null ? java.util.Set.of() : java.util.Set.copyOf(lora.targetNames());
            List<String> cast = MixedPrecision.castUpstreamFrozen(model.parameters(), adapted::contains, DataType.FLOAT16);
            LOG.info("mixed precision: {} in FLOAT16, the rest in FLOAT32", cast.isEmpty() ? "nothing" : cast);
        }
        LossFunction loss = s.mixedPrecision ? MixedPrecision.lossFunction(model) : LossFunction.of(model);
        Map<String, ai.djl.ndarray.types.Shape> shapes = new LinkedHashMap<>();
        params.forEach((k, v) -> shapes.put(k, v.getShape()));
        adamw = AdamW.builder().weightDecay(s.weightDecay)
                .decayExempt(n -> AdamW.isBiasOrNorm(n) || shapes.get(n).dimension() < 2).build();
        step = new TrainStep(model, params, adamw, s.maxGradNorm, loss, lora);
        ImageBatchLoader.Builder<CaptionExample> batches = ImageBatchLoader.forExamples(s.train.examples())
                .batchSize(s.batchSize).seed(s.seed).shuffle(true).threads(s.loaderThreads).policy(s.imagePolicy)
                .cacheSize(s.imageCacheSize).preprocessor(processor::preprocess);
        if (s.groupByLength) {
            batches.groupByLength(TrainingRun::words, LENGTH_WINDOW_BATCHES);
        }
        loader = batches.build();
        batchesPerEpoch = loader.batchesPerEpoch();
        stepsPerEpoch = (batchesPerEpoch + s.gradientAccumulation - 1) / s.gradientAccumulation;
        totalSteps = s.maxSteps > 0 ? s.maxSteps : s.epochs * stepsPerEpoch;
        epochsToRun = s.maxSteps > 0 ? (int) Math.min(Integer.MAX_VALUE, (s.maxSteps + stepsPerEpoch - 1) / stepsPerEpoch)
                : s.epochs;
        schedule = LearningRateSchedule.of(s.schedule, s.learningRate, s.warmupSteps, totalSteps,
                Math.min(s.minLearningRate, s.learningRate));
        if (s.validation != null) {
            validator = new Validator(model, s.validation, encoder, tokenizer, processor::preprocess, height, width,
                    s.batchSize, loss, lora, s.scorer, decoding());
        }
        if (s.runDir != null) {
            store = new CheckpointStore(s.runDir, s.keepCheckpoints);
            if (s.resume) {
                store.latest().ifPresent(this::restore);
                store.best().ifPresent(b -> bestCheckpoint = b.dir());
            } else if (store.hasCheckpoints()) {
                throw new IllegalStateException(s.runDir + " already holds checkpoints of a run; continue it with"
                        + " resume(true) (--resume) or choose an empty folder");
            }
            log = TrainLog.open(s.runDir, st.globalStep);
        }
        LOG.info("fine-tuning {} ({}): {}; {} trainable values; {} steps ({} per epoch, batch {} x {} accumulation)",
                sourceDir, s.trainable, s.train.report().summary(), trainableValues(), totalSteps, stepsPerEpoch,
                s.batchSize, s.gradientAccumulation);
    }

    private void loadModel() {
        if (s.model != null) {
            model = s.model;
            sourceDir = s.modelFiles;
            return;
        }
        sourceDir = s.modelDir != null ? s.modelDir : ModelResolver.fromEnvironment().resolve(s.modelId);
        model = Blip2Model.load(sourceDir, DataType.FLOAT32, s.device);
        ownsModel = true;
    }

    /** Marks the trainable set and returns the arrays the optimizer updates, float32. */
    private Map<String, NDArray> selectTrainable() {
        Map<String, NDArray> params = new LinkedHashMap<>();
        if (s.trainable == Trainable.LORA) {
            model.parameters().setTrainable(n -> false);
            LoraSettings ls = s.lora != null ? s.lora : LoraSettings.defaults();
            lora = LoraAdapters.create(model.parameters(), ls, model.manager(), mix(s.seed, 0x10A4L, 0));
            params.putAll(lora.parameters());
            return params;
        }
        model.parameters().setTrainable(s.trainable.predicate());
        for (ModelParameter p : model.parameters().trainable()) {
            MixedPrecision.cast(p, DataType.FLOAT32);
            params.put(p.name(), p.array());
        }
        return params;
    }

    private DecodingStrategy decoding() {
        var text = model.config().text();
        GenerationConfig c = s.decoding != null ? s.decoding : GenerationConfig.builder().maxNewTokens(30).build();
        GenerationConfig.Builder b = c.toBuilder();
        if (c.eosTokenIds().length == 0 && text.eosTokenId() != null) {
            b.eosTokenIds(text.eosTokenId());
        }
        if (c.padTokenId().isEmpty() && text.padTokenId() != null) {
            b.padTokenId(text.padTokenId());
        }
        return b.build().strategy();
    }

    TrainingResult execute() {
        startNanos = System.nanoTime();
        resumedFrom = st.globalStep;
        TrainingPlan plan = new TrainingPlan(totalSteps, stepsPerEpoch, epochsToRun, st.globalStep, loader.size(),
                s.validation == null ? 0 : s.validation.size(), s.batchSize, s.gradientAccumulation,
                trainableValues(), s.runDir);
        listeners.forEach(l -> l.onStart(plan));
        model.setTraining(s.dropout);
        try {
            while (!st.finished && !st.stoppedEarly && st.epoch < epochsToRun) {
                trainRestOfEpoch();
                if (st.nextBatch < batchesPerEpoch) {
                    // maxSteps reached inside an epoch: one last validation, then stop.
                    validate();
                    st.finished = true;
                    checkpoint();
                    break;
                }
                validate();
                st.epoch++;
                st.nextBatch = 0;
                st.finished = st.globalStep >= totalSteps || st.epoch >= epochsToRun;
                checkpoint();
            }
        } finally {
            model.setTraining(false);
        }
        return finish();
    }

    /** Trains from {@code st.nextBatch} to the epoch's end (or to the run's last step). */
    private void trainRestOfEpoch() {
        int accum = s.gradientAccumulation;
        try (BatchIterator<CaptionExample> it = loader.epoch(st.epoch, st.nextBatch)) {
            Batch<CaptionExample> pending = it.hasNext() ? it.next() : null;
            while (pending != null && st.globalStep < totalSteps) {
                long t0 = System.nanoTime();
                int groupEnd = Math.min((pending.index() / accum + 1) * accum, batchesPerEpoch);
                int planned = groupEnd - (pending.index() / accum) * accum;
                int micro = 0;
                int examples = 0;
                while (pending != null && pending.index() < groupEnd) {
                    TrainingBatch tb = encoder.encode(pending.items().stream().map(CaptionExample::caption).toList(),
                            pending.stacked(), height, width);
                    step.accumulate(tb, 1.0 / planned, mix(s.seed, st.globalStep, micro++));
                    examples += pending.size();
                    pending = it.hasNext() ? it.next() : null;
                }
                double lr = schedule.at(st.globalStep);
                StepOutcome o = step.apply(lr);
                st.globalStep++;
                st.nextBatch = groupEnd;
                st.optimizerSteps = adamw.stepCount();
                if (o.skipped()) {
                    st.skippedSteps++;
                    LOG.warn("step {}: non-finite {} (loss {}, grad norm {}); update skipped, weights unchanged ({} skipped"
                            + " so far)", st.globalStep, Double.isFinite(o.loss()) ? "gradient" : "loss", o.loss(),
                            o.gradNorm(), st.skippedSteps);
                }
                StepRecord r = new StepRecord(st.globalStep, totalSteps, st.epoch, o.loss(), lr, o.gradNorm(),
                        (System.nanoTime() - t0) / 1e9, (System.nanoTime() - startNanos) / 1e9, examples, o.skipped());
                logStep(r);
                if (s.checkpointEvery > 0 && st.globalStep % s.checkpointEvery == 0) {
                    checkpoint();
                }
            }
            if (pending == null) {
                st.nextBatch = batchesPerEpoch;
            }
        }
    }

    private void logStep(StepRecord r) {
        if (log != null) {
            log.append(r);
        }
        if (r.step() % s.logEvery == 0 || r.step() == totalSteps) {
            LOG.info("step {}/{} epoch {} loss {} lr {} grad-norm {} ({} s)", r.step(), r.totalSteps(), r.epoch(),
                    String.format("%.4f", r.loss()), String.format("%.3g", r.learningRate()),
                    String.format("%.3f", r.gradNorm()), String.format("%.2f", r.seconds()));
        } else {
            LOG.debug("step {}: {}", r.step(), r);
        }
        listeners.forEach(l -> l.onStep(r));
    }

    private void validate() {
        if (validator == null) {
            return;
        }
        if (!st.history.isEmpty() && st.lastValidation().step() == st.globalStep) {
            return; // already validated at this step (a resumed run repeating an epoch end)
        }
        long t0 = System.nanoTime();
        boolean training = model.isTraining();
        model.setTraining(false);
        Map<String, Double> metrics;
        try {
            metrics = validator.run();
        } finally {
            model.setTraining(training);
        }
        Double v = metrics.get(s.monitor);
        if (v == null) {
            throw new IllegalStateException("validation produced no metric '" + s.monitor + "' to monitor; it produced "
                    + metrics.keySet());
        }
        boolean improved = !Double.isNaN(v) && (st.best == null || (s.higherIsBetter ? v > st.best : v < st.best));
        ValidationResult r = new ValidationResult(st.epoch, st.globalStep, metrics.get("loss"), metrics, v, improved,
                (System.nanoTime() - t0) / 1e9);
        st.history.add(r);
        if (improved) {
            st.best = v;
            st.bestStep = st.globalStep;
            st.bestEpoch = st.epoch;
            st.badValidations = 0;
            if (store != null) {
                bestCheckpoint = store.saveBest(st.globalStep, step.parameters(), stateJson());
            }
        } else {
            st.badValidations++;
            if (s.patience > 0 && st.badValidations >= s.patience) {
                st.stoppedEarly = true;
                LOG.info("early stopping: {} did not improve for {} validations (best {} at step {})", s.monitor,
                        st.badValidations, st.best, st.bestStep);
            }
        }
        LOG.info("validation at step {} (epoch {}): {}{}", st.globalStep, st.epoch, metrics, improved ? " (best)" : "");
        writeMetrics(null);
        listeners.forEach(l -> l.onValidation(r));
    }

    private void checkpoint() {
        if (store == null) {
            return;
        }
        Map<String, NDArray> opt = new LinkedHashMap<>();
        adamw.firstMoments().forEach((k, v) -> opt.put("exp_avg." + k, v));
        adamw.secondMoments().forEach((k, v) -> opt.put("exp_avg_sq." + k, v));
        lastCheckpoint = store.saveStep(st.globalStep, step.parameters(), opt, stateJson());
        LOG.info("checkpoint {} (step {})", lastCheckpoint, st.globalStep);
        Path dir = lastCheckpoint;
        listeners.forEach(l -> l.onCheckpoint(st.globalStep, dir));
    }

    /** A caption's length for length grouping: its words, which track its tokens closely enough to sort by. */
    private static int words(CaptionExample e) {
        String c = e.caption().strip();
        if (c.isEmpty()) {
            return 0;
        }
        int n = 1;
        for (int i = 1; i < c.length(); i++) {
            if (Character.isWhitespace(c.charAt(i)) && !Character.isWhitespace(c.charAt(i - 1))) {
                n++;
            }
        }
        return n;
    }

    private ObjectNode stateJson() {
        ObjectNode n = st.toJson();
        n.set("settings", fingerprint());
        ObjectNode rng = n.putObject("rng");
        rng.put("seed", s.seed);
        rng.put("data_order", "ImageBatchLoader.plan(epoch): shuffle seeded from (seed, epoch)"
                + (s.groupByLength
                        ? ", windows of " + LENGTH_WINDOW_BATCHES + " batches sorted by words, batches shuffled" : ""));
        rng.put("dropout", "libtorch generator reseeded before every micro-batch from (seed, step, micro-batch)");
        rng.put("lora_init", "SplittableRandom seeded from (seed, 'lora')");
        return n;
    }

    /** The settings a resumed run must share with the checkpoint to continue it exactly. */
    private ObjectNode fingerprint() {
        ObjectNode f = JSON.createObjectNode();
        f.put("trainable", s.trainable.name());
        f.put("lora", String.valueOf(s.trainable == Trainable.LORA ? (s.lora != null ? s.lora : LoraSettings.defaults())
                : null));
        f.put("batch_size", s.batchSize);
        f.put("gradient_accumulation", s.gradientAccumulation);
        f.put("seed", s.seed);
        f.put("train_examples", loader.size());
        f.put("total_steps", totalSteps);
        f.put("learning_rate", s.learningRate);
        f.put("min_learning_rate", s.minLearningRate);
        f.put("schedule", s.schedule.name() + "/" + s.warmupSteps);
        f.put("weight_decay", s.weightDecay);
        f.put("max_grad_norm", s.maxGradNorm);
        f.put("mixed_precision", s.mixedPrecision);
        f.put("dropout", s.dropout);
        f.put("prompt", s.prompt);
        f.put("max_target_tokens", s.maxTargetTokens);
        if (s.groupByLength) {
            f.put("group_by_length", true);
        }
        return f;
    }

    /** Loads a checkpoint into the model, the adapters, the optimizer and the run state. */
    private void restore(CheckpointStore.Checkpoint c) {
        ObjectNode now = fingerprint();
        var saved = c.state().path("settings");
        StringBuilder diff = new StringBuilder();
        now.fieldNames().forEachRemaining(k -> {
            if (!String.valueOf(now.get(k)).equals(String.valueOf(saved.get(k)))) {
                diff.append("\n  ").append(k).append(": checkpoint ").append(saved.get(k)).append(", now ").append(now.get(k));
            }
        });
        if (diff.length() > 0) {
            throw new IllegalStateException("cannot resume " + s.runDir + " from " + c.dir() + ": settings differ" + diff);
        }
        loadWeights(c.weights());
        try (SafetensorsReader r = SafetensorsReader.open(c.optimizer());
                NDManager tmp = model.manager().newSubManager()) {
            Map<String, NDArray> first = new LinkedHashMap<>();
            Map<String, NDArray> second = new LinkedHashMap<>();
            for (String name : r.names()) {
                NDArray a = r.load(name, tmp, DataType.FLOAT32);
                if (name.startsWith("exp_avg_sq.")) {
                    second.put(name.substring("exp_avg_sq.".length()), a);
                } else if (name.startsWith("exp_avg.")) {
                    first.put(name.substring("exp_avg.".length()), a);
                }
            }
            st = RunState.fromJson(c.state());
            adamw.restore(first, second, st.optimizerSteps);
        }
        lastCheckpoint = c.dir();
        LOG.info("resuming {} from {} (step {}, epoch {}, batch {})", s.runDir, c.dir(), st.globalStep, st.epoch,
                st.nextBatch);
    }

    /** Copies the trainable values of a checkpoint file into the live arrays. */
    private void loadWeights(Path file) {
        try (SafetensorsReader r = SafetensorsReader.open(file)) {
            for (Map.Entry<String, NDArray> e : step.parameters().entrySet()) {
                if (!r.contains(e.getKey())) {
                    throw new IllegalStateException(file + " has no tensor " + e.getKey());
                }
                e.getValue().set(r.loadFloats(e.getKey()));
            }
        }
    }

    private TrainingResult finish() {
        Path exported = null;
        if (s.restoreBest && bestCheckpoint != null && st.best != null) {
            loadWeights(bestCheckpoint.resolve(CheckpointStore.WEIGHTS));
            LOG.info("restored the best weights ({} = {} at step {})", s.monitor, st.best, st.bestStep);
        }
        if (s.runDir != null && s.export) {
            boolean hasSource = Files.isRegularFile(sourceDir.resolve(SafetensorsReader.SINGLE_FILE))
                    || Files.isRegularFile(sourceDir.resolve(SafetensorsReader.INDEX_FILE));
            exported = ModelExporter.export(model, sourceDir, s.runDir.resolve("model"), s.mixedPrecision && hasSource,
                    lora);
            LOG.info("exported the fine-tuned model to {}", exported);
        }
        if (lora != null && !ownsModel) {
            // The caller keeps using its model: leave the adapters in it, merged, for inference.
            lora.merge();
        }
        if (loader.skippedItems() > 0) {
            LOG.warn("{} training examples were skipped because their image could not be decoded: {}",
                    loader.skippedItems(), loader.problems());
        }
        TrainingResult result = new TrainingResult(st.globalStep, st.epoch, st.skippedSteps, resumedFrom,
                st.stoppedEarly, st.lastValidation(), st.bestValidation(), bestCheckpoint, lastCheckpoint, exported,
                s.runDir, log == null ? null : log.file());
        writeMetrics(result);
        listeners.forEach(l -> l.onFinish(result));
        return result;
    }

    /** {@code metrics.json}: validation history, best, and (at the end) the run's totals. */
    private void writeMetrics(TrainingResult result) {
        if (s.runDir == null) {
            return;
        }
        ObjectNode n = JSON.createObjectNode();
        n.put("monitor", s.monitor);
        n.put("higher_is_better", s.higherIsBetter);
        n.set("state", st.toJson());
        ValidationResult best = st.bestValidation();
        if (best != null) {
            n.set("best", RunState.toJson(best));
        }
        ValidationResult last = st.lastValidation();
        if (last != null) {
            n.set("final", RunState.toJson(last));
        }
        if (result != null) {
            n.put("steps", result.steps());
            n.put("epochs_completed", result.epochsCompleted());
            n.put("skipped_steps", result.skippedSteps());
            n.put("skipped_examples", loader.skippedItems());
            n.put("stopped_early", result.stoppedEarly());
            n.put("exported_model", String.valueOf(result.exportedModel()));
        }
        Path file = s.runDir.resolve("metrics.json");
        Path tmp = s.runDir.resolve("metrics.json.tmp");
        try {
            Files.createDirectories(s.runDir);
            Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private long trainableValues() {
        return step == null ? 0 : step.parameters().values().stream().mapToLong(a -> a.getShape().size()).sum();
    }

    /** SplitMix64 of (seed, a, b): independent, reproducible seeds per position. */
    static long mix(long seed, long a, long b) {
        long z = seed + 0x9E3779B97F4A7C15L * (a + 1) + 0xC2B2AE3D27D4EB4FL * (b + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public void close() {
        if (log != null) {
            log.close();
        }
        if (loader != null) {
            loader.close();
        }
        if (adamw != null) {
            adamw.close();
        }
        if (lora != null) {
            lora.close();
        }
        if (tokenizer != null) {
            tokenizer.close();
        }
        if (ownsModel && model != null) {
            model.close();
        }
    }
}
