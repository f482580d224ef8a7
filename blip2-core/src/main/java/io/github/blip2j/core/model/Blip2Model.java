package io.github.blip2j.core.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.blip2j.core.config.Blip2Config;
import io.github.blip2j.core.config.OptConfig;
import io.github.blip2j.core.config.T5Config;
import io.github.blip2j.core.io.DTypes;
import io.github.blip2j.core.io.SafetensorsReader;
import io.github.blip2j.core.io.SafetensorsWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole BLIP-2 model ({@code Blip2ForConditionalGeneration}): vision tower, Q-Former with its
 * query tokens, language projection and a Flan-T5 or OPT language model, with every weight under
 * its Hugging Face checkpoint name in {@link #parameters()}.
 *
 * <p>Weights live in the model's own manager. Forward methods put every result (and every
 * intermediate) in the manager of their input array, so callers bound memory by running each call
 * in a short-lived manager. Products of up to 64 rows with frozen weights of 512 KB or more, on more
 * than one intra-op thread (decoding steps, the query tokens), keep a view of each such weight as row
 * blocks in the model's manager (no copy; see {@code LinearOps}). Float32 T5 decoding steps on the CPU
 * run everything between those products on the JVM ({@link T5RowDecoder}). The model is read-only during inference and may be shared between
 * threads. Gradients: parameters marked trainable record an autograd graph wherever libtorch's
 * per-thread grad mode is on (inside a {@code GradientCollector}, and on threads other than the one
 * that started the engine); generation sessions always run under {@link NoGradient}, and direct calls
 * to the forward methods for inference should too when anything is trainable.
 *
 * <pre>{@code
 * try (Blip2Model model = Blip2Model.load(dir);
 *      NDManager call = model.manager().newSubManager()) {
 *     NDArray pixels = call.create(values, new Shape(1, 3, 224, 224));
 *     NDArray prefix = model.languageInputs(pixels);   // (1, Q, D)
 * }
 * }</pre>
 */
public final class Blip2Model implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Blip2Model.class);

    private final Blip2Config config;
    private final NDManager manager;
    private final DataType dtype;
    private final RunMode mode = new RunMode();
    private final ParameterRegistry registry = new ParameterRegistry();
    private final VisionTransformer vision;
    private final QFormer qformer;
    private final LanguageProjection projection;
    private final LanguageModel languageModel;

    private Blip2Model(Blip2Config config, NDManager manager, DataType dtype) {
        if (dtype == DataType.FLOAT16 && Device.Type.CPU.equals(manager.getDevice().getDeviceType())) {
            // Measured on the mid-size benchmark model: vision 7x, greedy captioning 2x slower than float32.
            LOG.warn("FLOAT16 on the CPU works but is slower than FLOAT32 (libtorch has no fast half-precision"
                    + " GEMM on CPUs): it only saves memory; prefer FLOAT32 unless memory is the limit");
        }
        this.config = config;
        this.manager = manager;
        this.dtype = dtype;
        ParameterScope root = registry.scope("");
        this.vision = new VisionTransformer(root.child("vision_model"), config.vision());
        this.qformer = new QFormer(root, config.qformer(), config.numQueryTokens(), mode);
        this.projection = new LanguageProjection(root.child("language_projection"), config.qformer().hiddenSize(),
                config.text().hiddenSize());
        ParameterScope lm = root.child("language_model");
        if (config.text() instanceof T5Config t5) {
            this.languageModel = new T5LanguageModel(lm, t5, mode);
        } else {
            this.languageModel = new OptLanguageModel(lm, (OptConfig) config.text(), mode);
        }
    }

    /** Loads {@code config.json} and the safetensors checkpoint of a model directory, in float32 on the CPU. */
    public static Blip2Model load(Path modelDir) {
        return load(modelDir, DataType.FLOAT32, Device.cpu());
    }

    /**
     * Loads a model directory ({@code config.json} + {@code model.safetensors} or a sharded index).
     *
     * @param dtype compute type: FLOAT32 or FLOAT16 (BFLOAT16 is computed as FLOAT32, see
     *     {@link DTypes#engineSafe})
     * @throws io.github.blip2j.core.config.ConfigException for an invalid or unsupported config
     * @throws CheckpointMismatchException when tensor names or shapes do not fit the config
     * @throws io.github.blip2j.core.io.SafetensorsException for a malformed checkpoint file
     */
    public static Blip2Model load(Path modelDir, DataType dtype, Device device) {
        Path configFile = modelDir.resolve("config.json");
        if (!Files.isRegularFile(configFile)) {
            throw new IllegalArgumentException(modelDir + ": no config.json (expected a Hugging Face BLIP-2 model directory)");
        }
        Blip2Config config = Blip2Config.load(configFile);
        DataType compute = DTypes.engineSafe(dtype);
        Blip2Model model = new Blip2Model(config, NDManager.newBaseManager(device), compute);
        try (SafetensorsReader reader = SafetensorsReader.open(modelDir)) {
            CheckpointLoader.load(model.registry, reader, model.manager, compute);
            return model;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** A model with deterministic random weights (benchmarks and self-consistency tests). */
    public static Blip2Model random(Blip2Config config, long seed, DataType dtype, Device device) {
        DataType compute = DTypes.engineSafe(dtype);
        Blip2Model model = new Blip2Model(config, NDManager.newBaseManager(device), compute);
        try {
            RandomWeights.fill(model.registry, model.manager, compute, seed);
            return model;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Writes every distinct parameter (tied names omitted, as {@code save_pretrained} does) to one
     * safetensors file, atomically.
     */
    public void saveWeights(Path file) {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        for (ModelParameter p : registry.all()) {
            tensors.put(p.name(), p.array());
        }
        SafetensorsWriter.write(file, tensors, Map.of("format", "pt"));
    }

    /** The resolved configuration. */
    public Blip2Config config() {
        return config;
    }

    /** Compute type of weights and activations. */
    public DataType dtype() {
        return dtype;
    }

    /** Device of the weights. */
    public Device device() {
        return manager.getDevice();
    }

    /** The manager that owns the weights; make per-call sub-managers from it. */
    public NDManager manager() {
        return manager;
    }

    /** Every parameter under its checkpoint name, with trainable flags. */
    public ParameterRegistry parameters() {
        return registry;
    }

    /** Switches dropout on (fine-tuning) or off (eval, the default). */
    public void setTraining(boolean training) {
        mode.setTraining(training);
    }

    /** Whether dropout is active. */
    public boolean isTraining() {
        return mode.isTraining();
    }

    /** The vision tower. */
    public VisionTransformer visionModel() {
        return vision;
    }

    /** The Q-Former. */
    public QFormer qformer() {
        return qformer;
    }

    /** The language projection. */
    public LanguageProjection languageProjection() {
        return projection;
    }

    /** The language model: {@link T5LanguageModel} or {@link OptLanguageModel}. */
    public LanguageModel languageModel() {
        return languageModel;
    }

    /** Runs the vision tower on {@code (B, 3, H, W)} pixels (cast to the model's dtype if needed). */
    public VisionOutput encodeImages(NDArray pixelValues) {
        return vision.forward(ensureType(pixelValues));
    }

    /** Runs the Q-Former on the vision tower's last hidden state: {@code (B, Q, Dq)}. */
    public NDArray queryFeatures(NDArray imageEmbeds) {
        return qformer.forward(imageEmbeds);
    }

    /** Vision, Q-Former and projection: the {@code (B, Q, D)} prefix the language model consumes. */
    public NDArray languageInputs(NDArray pixelValues) {
        return projection.forward(queryFeatures(encodeImages(pixelValues).lastHiddenState()));
    }

    /**
     * Teacher-forced forward pass with loss, differentiable under a {@code GradientCollector}.
     *
     * @param pixelValues {@code (B, 3, H, W)}
     * @param inputIds prompt ids {@code (B, L)} (T5: encoder side; OPT: after the queries, left-padded)
     * @param attentionMask {@code (B, L)} of 1 / 0, or {@code null} for all ones
     * @param labels {@code (B, T)} with -100 for ignored positions, or {@code null} for logits only.
     *     T5: the target caption (decoder inputs are the labels shifted right). OPT: aligned with
     *     {@code inputIds}; position {@code t} predicts label {@code t + 1}.
     */
    public Blip2Output forward(NDArray pixelValues, NDArray inputIds, NDArray attentionMask, NDArray labels) {
        if (inputIds == null) {
            throw new IllegalArgumentException("input_ids: required for a teacher-forced forward pass");
        }
        NDArray prefix = languageInputs(pixelValues);
        long b = prefix.getShape().get(0);
        long q = prefix.getShape().get(1);
        Shapes.require(inputIds, "input_ids", b, -1);
        NDArray mask = attentionMask != null ? attentionMask : inputIds.onesLike();
        Shapes.require(mask, "attention_mask", b, inputIds.getShape().get(1));
        NDArray embeds = NDArrays.concat(new NDList(prefix, languageModel.embed(inputIds).toType(dtype, false)), 1);
        NDArray fullMask = NDArrays.concat(new NDList(
                prefix.getManager().ones(new ai.djl.ndarray.types.Shape(b, q), DataType.INT64, prefix.getDevice()),
                mask.toType(DataType.INT64, false)), 1);
        if (languageModel instanceof T5LanguageModel t5) {
            if (labels == null) {
                throw new IllegalArgumentException("labels: T5 needs labels (the decoder inputs are derived from them)");
            }
            NDArray logits = t5.forward(embeds, fullMask, t5.shiftRight(labels));
            return new Blip2Output(CrossEntropy.mean(logits, labels), logits);
        }
        OptLanguageModel opt = (OptLanguageModel) languageModel;
        int[][] maskRows = toRows(fullMask);
        NDArray logits = opt.logits(opt.forward(embeds, maskRows, null).hidden());
        if (labels == null) {
            return new Blip2Output(null, logits);
        }
        long l = labels.getShape().get(1);
        long total = logits.getShape().get(1);
        logits = logits.get(":, " + (total - l) + ":, :");
        NDArray loss = CrossEntropy.mean(logits.get(":, :-1, :"), labels.get(":, 1:"));
        return new Blip2Output(loss, logits);
    }

    private NDArray ensureType(NDArray x) {
        return x.getDataType() == dtype ? x : x.toType(dtype, false);
    }

    private static int[][] toRows(NDArray mask) {
        int b = (int) mask.getShape().get(0);
        int n = (int) mask.getShape().get(1);
        long[] flat = mask.toType(DataType.INT64, false).toLongArray();
        int[][] rows = new int[b][n];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < n; j++) {
                rows[i][j] = (int) flat[i * n + j];
            }
        }
        return rows;
    }

    /** Frees every weight. */
    @Override
    public void close() {
        manager.close();
    }
}
