package io.github.blip2j.core.train;

import ai.djl.Device;
import io.github.blip2j.core.data.BadRowPolicy;
import io.github.blip2j.core.data.CaptionDataset;
import io.github.blip2j.core.data.DatasetSplits;
import io.github.blip2j.core.model.Blip2Model;
import io.github.blip2j.decoding.GenerationConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Fine-tunes a BLIP-2 model on image captions, the BLIP-2 way by default: Q-Former, query tokens and
 * projection trained, vision tower and language model frozen, AdamW (weight decay 0.05, none on
 * biases and norms), linear warm-up then cosine, global-norm clipping at 1.0.
 *
 * <pre>{@code
 * DatasetSplits splits = CaptionDataset.flickr8k(tokens, images).split(0.05, 0, 42);
 * TrainingResult r = FineTuner.builder()
 *     .model(Path.of("blip2-flan-t5-xl")).data(splits)
 *     .epochs(3).learningRate(1e-5).batchSize(8).gradientAccumulation(2)
 *     .trainable(Trainable.QFORMER).checkpointDir(Path.of("runs/flickr")).checkpointEvery(500)
 *     .validationScorer(myBleuCider).monitor("CIDEr", true).earlyStopping(2)
 *     .build().fit();
 * }</pre>
 *
 * <p>A run folder holds {@code train-log.jsonl} (one line per optimizer step), {@code metrics.json},
 * {@code checkpoints/} and, at the end, the exported Hugging Face-layout model in {@code model/}.
 * With {@code resume(true)} a killed run continues from its newest intact checkpoint, and its final
 * weights are bit-identical to those of an uninterrupted run (same settings, same machine and thread
 * count): the data order, dropout masks and LoRA init are pure functions of the seed and the step.
 *
 * <p>A model given as a path is loaded in float32 and closed by {@link #fit()}; a {@link Blip2Model}
 * given directly is trained in place (with mixed precision its frozen upstream stages are cast to
 * float16; LoRA adapters are merged into it at the end). It must be a FLOAT32 model.
 */
public final class FineTuner {

    private final Builder settings;

    private FineTuner(Builder settings) {
        this.settings = settings;
    }

    /** A builder with the defaults listed on each setter. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Trains, validates, checkpoints and exports as configured.
     *
     * @throws io.github.blip2j.core.data.DatasetException for unreadable images under the FAIL policy
     * @throws IllegalStateException when resuming with settings that differ from the checkpoint's
     */
    public TrainingResult fit() {
        try (TrainingRun run = TrainingRun.open(settings)) {
            return run.execute();
        }
    }

    /**
     * Settings of a fine-tuning run. Every setter validates its value at once; {@link #build()} checks
     * the combination. Messages name the field, the value and the allowed range.
     */
    public static final class Builder implements Cloneable {
        Path modelDir;
        String modelId;
        Blip2Model model;
        Path modelFiles;
        Device device = Device.cpu();
        CaptionDataset train;
        CaptionDataset validation;
        int epochs = 3;
        long maxSteps;
        double learningRate = 1e-5;
        double minLearningRate;
        long warmupSteps;
        ScheduleKind schedule = ScheduleKind.COSINE;
        int batchSize = 8;
        int gradientAccumulation = 1;
        double maxGradNorm = 1.0;
        double weightDecay = 0.05;
        Trainable trainable = Trainable.QFORMER;
        LoraSettings lora;
        boolean mixedPrecision;
        boolean dropout = true;
        Path runDir;
        long checkpointEvery;
        int keepCheckpoints = 2;
        boolean resume;
        long seed = 42;
        ValidationScorer scorer;
        String monitor = "loss";
        boolean higherIsBetter;
        int patience;
        boolean restoreBest = true;
        boolean export = true;
        List<TrainingListener> listeners = new ArrayList<>();
        String prompt = "";
        int maxTargetTokens = 32;
        GenerationConfig decoding;
        BadRowPolicy imagePolicy = BadRowPolicy.FAIL;
        int loaderThreads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
        int imageCacheSize;
        boolean groupByLength;
        int logEvery = 10;

        private Builder() {}

        /** A local Hugging Face model folder (config.json, safetensors, tokenizer.json, preprocessor_config.json). */
        public Builder model(Path dir) {
            clearModel();
            this.modelDir = Objects.requireNonNull(dir, "model");
            return this;
        }

        /** A hub id or a local folder, resolved like the Python hub client ({@code ModelResolver}). */
        public Builder model(String idOrPath) {
            clearModel();
            if (idOrPath == null || idOrPath.isBlank()) {
                throw new IllegalArgumentException("model must be a hub id or a folder, got '" + idOrPath + "'");
            }
            this.modelId = idOrPath;
            return this;
        }

        /**
         * A model already in memory, trained in place; {@link #modelFiles(Path)} must name the folder with
         * its config.json, tokenizer.json and preprocessor_config.json.
         */
        public Builder model(Blip2Model model) {
            clearModel();
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        private void clearModel() {
            modelDir = null;
            modelId = null;
            model = null;
        }

        /** Folder with config.json, tokenizer and image-processor files for a model given as an object. */
        public Builder modelFiles(Path dir) {
            this.modelFiles = Objects.requireNonNull(dir, "modelFiles");
            return this;
        }

        /** Where a model given as a path is loaded (default CPU). */
        public Builder device(Device device) {
            this.device = Objects.requireNonNull(device, "device");
            return this;
        }

        /** The training images and captions (required). */
        public Builder train(CaptionDataset data) {
            this.train = Objects.requireNonNull(data, "train");
            return this;
        }

        /** Validation images, evaluated at each epoch end (optional; may not share an image with train). */
        public Builder validation(CaptionDataset data) {
            this.validation = Objects.requireNonNull(data, "validation");
            return this;
        }

        /** Train and validation parts of a grouped split (an empty validation part means none). */
        public Builder data(DatasetSplits splits) {
            Objects.requireNonNull(splits, "data");
            this.train = splits.train();
            this.validation = splits.validation().size() == 0 ? null : splits.validation();
            return this;
        }

        /** Passes over the training data, 1..100000 (default 3); ignored when {@link #maxSteps} is set. */
        public Builder epochs(int n) {
            this.epochs = (int) range("epochs", n, 1, 100_000);
            return this;
        }

        /**
         * Total optimizer steps of the run, 1..10^9 (default: unset, epochs decide). It also sets the
         * schedule's length, and the run spans as many epochs as it needs (as Hugging Face's max_steps).
         */
        public Builder maxSteps(long n) {
            this.maxSteps = range("maxSteps", n, 1, 1_000_000_000L);
            return this;
        }

        /** Peak learning rate, in (0, 1] (default 1e-5). */
        public Builder learningRate(double lr) {
            if (!(lr > 0 && lr <= 1)) {
                throw new IllegalArgumentException("learningRate must be in (0, 1], got " + lr);
            }
            this.learningRate = lr;
            return this;
        }

        /** Rate the cosine ends at, in [0, learningRate] (default 0). */
        public Builder minLearningRate(double lr) {
            if (!(lr >= 0 && lr <= 1)) {
                throw new IllegalArgumentException("minLearningRate must be in [0, 1], got " + lr);
            }
            this.minLearningRate = lr;
            return this;
        }

        /** Linear warm-up steps, 0..10^9, then {@code kind} (default 0 and cosine). */
        public Builder schedule(long warmupSteps, ScheduleKind kind) {
            this.warmupSteps = range("warmupSteps", warmupSteps, 0, 1_000_000_000L);
            this.schedule = Objects.requireNonNull(kind, "schedule");
            return this;
        }

        /** Examples per micro-batch, 1..4096 (default 8). */
        public Builder batchSize(int n) {
            this.batchSize = (int) range("batchSize", n, 1, 4096);
            return this;
        }

        /** Micro-batches per optimizer step, 1..4096 (default 1). */
        public Builder gradientAccumulation(int n) {
            this.gradientAccumulation = (int) range("gradientAccumulation", n, 1, 4096);
            return this;
        }

        /** Global-norm clipping threshold, finite and >= 0; 0 turns clipping off (default 1.0). */
        public Builder maxGradNorm(double v) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("maxGradNorm must be a finite value >= 0 (0 = off), got " + v);
            }
            this.maxGradNorm = v;
            return this;
        }

        /** Decoupled weight decay, in [0, 10] (default 0.05); biases and norm weights get none. */
        public Builder weightDecay(double v) {
            if (!(v >= 0 && v <= 10)) {
                throw new IllegalArgumentException("weightDecay must be in [0, 10], got " + v);
            }
            this.weightDecay = v;
            return this;
        }

        /** What is trained (default {@link Trainable#QFORMER}). */
        public Builder trainable(Trainable t) {
            this.trainable = Objects.requireNonNull(t, "trainable");
            return this;
        }

        /** LoRA settings for {@link Trainable#LORA} (default: rank 8, alpha 16, dropout 0, q/v targets). */
        public Builder lora(int rank, double alpha, double dropout, List<String> targetModules) {
            this.lora = new LoraSettings(rank, alpha, dropout, targetModules);
            return this;
        }

        /** LoRA settings with the default targets. */
        public Builder lora(int rank, double alpha) {
            return lora(rank, alpha, 0, LoraSettings.DEFAULT_TARGETS);
        }

        /**
         * Frozen stages that no gradient crosses (the vision tower for {@code QFORMER}; vision, Q-Former
         * and projection for {@code LORA}) in float16; trainable weights, the stages the gradient crosses
         * and the optimizer state in float32 (default false). It saves memory; on a CPU without native
         * float16 arithmetic it is slower (measured in {@code TrainStepBenchmark}), hence off by default.
         * Never bfloat16 (DJL 0.36 aborts the JVM on BF16 arrays).
         */
        public Builder mixedPrecision(boolean on) {
            this.mixedPrecision = on;
            return this;
        }

        /** Dropout during training steps, as PyTorch's {@code model.train()} (default true). */
        public Builder dropout(boolean on) {
            this.dropout = on;
            return this;
        }

        /** The run folder: checkpoints, train-log.jsonl, metrics.json, exported model (default: none). */
        public Builder checkpointDir(Path runDir) {
            this.runDir = Objects.requireNonNull(runDir, "checkpointDir");
            return this;
        }

        /** A checkpoint every {@code n} optimizer steps, 0..10^9; 0 = only at epoch ends (default 0). */
        public Builder checkpointEvery(long n) {
            this.checkpointEvery = range("checkpointEvery", n, 0, 1_000_000_000L);
            return this;
        }

        /** How many step checkpoints to keep, 1..1000 (default 2); the best one is kept apart. */
        public Builder keepCheckpoints(int n) {
            this.keepCheckpoints = (int) range("keepCheckpoints", n, 1, 1000);
            return this;
        }

        /** Continue the run in the checkpoint folder from its newest intact checkpoint (default false). */
        public Builder resume(boolean on) {
            this.resume = on;
            return this;
        }

        /** Seed of the data order, dropout and LoRA init (default 42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Scores the validation captions (e.g. BLEU-4 and CIDEr from blip2-metrics); optional. */
        public Builder validationScorer(ValidationScorer scorer) {
            this.scorer = Objects.requireNonNull(scorer, "validationScorer");
            return this;
        }

        /**
         * The validation metric that picks the best checkpoint and drives early stopping (default
         * {@code loss}, lower is better); any name the scorer returns.
         */
        public Builder monitor(String metric, boolean higherIsBetter) {
            if (metric == null || metric.isBlank()) {
                throw new IllegalArgumentException("monitor must name a validation metric, got '" + metric + "'");
            }
            this.monitor = metric;
            this.higherIsBetter = higherIsBetter;
            return this;
        }

        /** Stop after {@code patience} validations without improvement, 1..10000 (default: never). */
        public Builder earlyStopping(int patience) {
            this.patience = (int) range("earlyStopping", patience, 1, 10_000);
            return this;
        }

        /** Export the best validated weights rather than the last ones (default true; needs validation). */
        public Builder restoreBest(boolean on) {
            this.restoreBest = on;
            return this;
        }

        /** Export {@code RUN_DIR/model/} at the end (default true when a run folder is set). */
        public Builder export(boolean on) {
            this.export = on;
            return this;
        }

        /** Receives progress events; may be called several times. */
        public Builder listener(TrainingListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Text before each caption (T5: encoder input; OPT: prefix); default none. */
        public Builder prompt(String prompt) {
            this.prompt = Objects.requireNonNull(prompt, "prompt");
            return this;
        }

        /** Caption tokens kept (eos included), 2..4096 (default 32). */
        public Builder maxTargetTokens(int n) {
            this.maxTargetTokens = (int) range("maxTargetTokens", n, 2, 4096);
            return this;
        }

        /**
         * Decoding for validation captions (default: greedy, 30 new tokens, the model's eos/pad ids).
         * Its eos and pad ids are filled from the model's text config when unset.
         */
        public Builder validationDecoding(GenerationConfig config) {
            this.decoding = Objects.requireNonNull(config, "validationDecoding");
            return this;
        }

        /** What to do with a training image that cannot be decoded (default FAIL). */
        public Builder imagePolicy(BadRowPolicy policy) {
            this.imagePolicy = Objects.requireNonNull(policy, "imagePolicy");
            return this;
        }

        /** Image decoding threads, 1..64 (default min(2, cores)). */
        public Builder loaderThreads(int n) {
            this.loaderThreads = (int) range("loaderThreads", n, 1, 64);
            return this;
        }

        /** Preprocessed images kept in memory across epochs, 0..1000000 (default 0). */
        public Builder imageCacheSize(int n) {
            this.imageCacheSize = (int) range("imageCacheSize", n, 0, 1_000_000);
            return this;
        }

        /**
         * Batch captions of similar length together (Hugging Face's {@code group_by_length}: windows of
         * 50 batches, see {@link io.github.blip2j.core.data.ImageBatchLoader.Builder#groupByLength}), so
         * that less of each batch is padding (demo captions: 2.1x the real tokens at random, 1.02x
         * grouped; a demo training step ~16% cheaper). Default false, as in Hugging Face.
         */
        public Builder groupByLength(boolean on) {
            this.groupByLength = on;
            return this;
        }

        /** Log a step at INFO every {@code n} steps (DEBUG otherwise), 1..10^6 (default 10). */
        public Builder logEvery(int n) {
            this.logEvery = (int) range("logEvery", n, 1, 1_000_000);
            return this;
        }

        /** Checks the combination of settings. */
        public FineTuner build() {
            if (modelDir == null && modelId == null && model == null) {
                throw new IllegalArgumentException("model must be set (a folder, a hub id or a Blip2Model)");
            }
            if (model != null && modelFiles == null) {
                throw new IllegalArgumentException("modelFiles must be set when the model is given as a Blip2Model"
                        + " (the folder with its config.json, tokenizer.json and preprocessor_config.json)");
            }
            if (train == null) {
                throw new IllegalArgumentException("train must be set (a CaptionDataset)");
            }
            if (train.size() == 0) {
                throw new IllegalArgumentException("train has no images");
            }
            if (minLearningRate > learningRate) {
                throw new IllegalArgumentException("minLearningRate must be in [0, learningRate = " + learningRate
                        + "], got " + minLearningRate);
            }
            if (lora != null && trainable != Trainable.LORA) {
                throw new IllegalArgumentException("lora settings were given but trainable is " + trainable
                        + "; set trainable(Trainable.LORA)");
            }
            if (runDir == null && (resume || checkpointEvery > 0)) {
                throw new IllegalArgumentException("checkpointDir must be set for " + (resume ? "resume" : "checkpointEvery"));
            }
            if (patience > 0 && validation == null) {
                throw new IllegalArgumentException("earlyStopping needs a validation set");
            }
            if (!"loss".equals(monitor) && scorer == null) {
                throw new IllegalArgumentException("monitor '" + monitor + "' needs a validationScorer that returns it"
                        + " (only 'loss' is computed without one)");
            }
            if (validation != null) {
                for (String id : validation.imageIds()) {
                    if (train.find(id).isPresent()) {
                        throw new IllegalArgumentException("validation image '" + id + "' is also in train; split by"
                                + " image (CaptionDataset.split) so no image is in both");
                    }
                }
            }
            return new FineTuner(snapshot());
        }

        /** A copy, so that changing this builder later does not change a built FineTuner. */
        private Builder snapshot() {
            try {
                Builder copy = (Builder) super.clone();
                copy.listeners = new ArrayList<>(listeners);
                return copy;
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }

        private static long range(String field, long v, long min, long max) {
            if (v < min || v > max) {
                throw new IllegalArgumentException(field + " must be in " + min + ".." + max + ", got " + v);
            }
            return v;
        }
    }
}
