package io.github.blip2j.core;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import io.github.blip2j.core.caption.DecodingKnobs;
import io.github.blip2j.core.caption.PromptEncoder;
import io.github.blip2j.core.config.Blip2Config;
import io.github.blip2j.core.hub.HubException;
import io.github.blip2j.core.hub.ModelResolver;
import io.github.blip2j.core.image.BlipImageProcessor;
import io.github.blip2j.core.io.DTypes;
import io.github.blip2j.core.model.Blip2Model;
import io.github.blip2j.core.text.TextTokenizer;
import io.github.blip2j.decoding.DecodingStrategy;
import io.github.blip2j.decoding.EarlyStopping;
import io.github.blip2j.decoding.GenerationConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configures a {@link Captioner}. Every setter validates its value at once and {@link #build()}
 * checks the combination before loading anything; messages name the field, the value and the allowed
 * range.
 *
 * <p>Defaults: model {@value Captioner#DEFAULT_MODEL} (resolved like the Python hub client: local
 * directory, then the Hugging Face cache, then a download unless {@code HF_HUB_OFFLINE=1}); CPU;
 * FLOAT32; Hugging Face's decoding defaults (greedy, {@code max_length} 20, i.e. at most 19 new
 * tokens) with bos / eos / pad / decoder-start ids from the language model's {@code text_config},
 * as transformers v4.36.2's {@code Blip2ForConditionalGeneration.generate} uses them; no prompt;
 * batches of 8 images.
 *
 * <p>Sampling is selected by {@link #topK}, {@link #topP} or {@link #temperature} (or
 * {@link #doSample}); beam search by {@link #numBeams} {@code > 1}. Knobs set here override a base
 * given with {@link #decoding(GenerationConfig)} or {@link #decoding(DecodingStrategy)}.
 */
public final class CaptionerBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(CaptionerBuilder.class);
    private static final String TOKENIZER_FILE = "tokenizer.json";

    private String modelId;
    private Blip2Model loaded;
    private TextTokenizer tokenizer;
    private BlipImageProcessor processor;
    private Device device;
    private DataType dtype;
    private final DecodingKnobs knobs = new DecodingKnobs();
    private String prompt;
    private int batchSize = 8;
    private int threads;
    private ModelResolver resolver;

    CaptionerBuilder() {}

    /** A hub id ({@code org/name}) or a local model directory. */
    public CaptionerBuilder model(String idOrDirectory) {
        if (idOrDirectory == null || idOrDirectory.isBlank()) {
            throw new IllegalArgumentException("model = '" + idOrDirectory + "': must be a hub id (org/name) or a"
                    + " model directory");
        }
        this.modelId = idOrDirectory;
        this.loaded = null;
        return this;
    }

    /** A local model directory ({@code config.json}, safetensors weights, {@code tokenizer.json}). */
    public CaptionerBuilder model(Path directory) {
        return model(Objects.requireNonNull(directory, "model").toString());
    }

    /**
     * An already loaded model (e.g. random weights, or fresh from fine-tuning). The captioner does not
     * close it. Without {@link #tokenizer(TextTokenizer)} captions carry ids but empty text; without
     * {@link #imageProcessor(BlipImageProcessor)} images are preprocessed with BLIP's defaults at the
     * vision tower's image size.
     */
    public CaptionerBuilder model(Blip2Model model) {
        this.loaded = Objects.requireNonNull(model, "model");
        this.modelId = null;
        return this;
    }

    /** The tokenizer to use instead of the model directory's {@code tokenizer.json} (not closed by the captioner). */
    public CaptionerBuilder tokenizer(TextTokenizer tokenizer) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        return this;
    }

    /** The preprocessing to use instead of the model directory's {@code preprocessor_config.json}. */
    public CaptionerBuilder imageProcessor(BlipImageProcessor processor) {
        this.processor = Objects.requireNonNull(processor, "imageProcessor");
        return this;
    }

    /** Where the model runs; default CPU. */
    public CaptionerBuilder device(Device device) {
        this.device = Objects.requireNonNull(device, "device");
        return this;
    }

    /**
     * Compute type: FLOAT32 (default), FLOAT16, FLOAT64, or BFLOAT16, which is computed as FLOAT32
     * with a warning (bf16 arrays abort the JVM with DJL 0.36's PyTorch engine; bf16 checkpoints load
     * exactly into float32).
     */
    public CaptionerBuilder dtype(DataType dtype) {
        if (dtype != DataType.FLOAT32 && dtype != DataType.FLOAT16 && dtype != DataType.FLOAT64
                && dtype != DataType.BFLOAT16) {
            throw new IllegalArgumentException("dtype = " + dtype + ": must be one of FLOAT32, FLOAT16, FLOAT64,"
                    + " BFLOAT16 (computed as FLOAT32)");
        }
        this.dtype = dtype;
        return this;
    }

    /** The base decoding settings; knobs set on this builder override them. */
    public CaptionerBuilder decoding(GenerationConfig config) {
        knobs.base(config);
        return this;
    }

    /**
     * The decoding strategy. blip2-decoding's strategies keep their algorithm and settings (knobs
     * still override them, token ids unset in their config come from the model); a custom
     * implementation is used as is and cannot be combined with knobs.
     */
    public CaptionerBuilder decoding(DecodingStrategy strategy) {
        knobs.base(strategy);
        return this;
    }

    /** HF {@code num_beams}, {@code >= 1}; {@code > 1} selects beam search. */
    public CaptionerBuilder numBeams(int numBeams) {
        knobs.numBeams(numBeams);
        return this;
    }

    /** HF {@code top_k}, {@code >= 0} (0 disables it); selects sampling. */
    public CaptionerBuilder topK(int topK) {
        knobs.topK(topK);
        return this;
    }

    /** HF {@code top_p}, in (0, 1]; selects sampling. */
    public CaptionerBuilder topP(double topP) {
        knobs.topP(topP);
        return this;
    }

    /** HF {@code temperature}, finite and {@code > 0}; selects sampling. */
    public CaptionerBuilder temperature(double temperature) {
        knobs.temperature(temperature);
        return this;
    }

    /** HF {@code do_sample}: forces sampling on or off regardless of topK / topP / temperature. */
    public CaptionerBuilder doSample(boolean doSample) {
        knobs.doSample(doSample);
        return this;
    }

    /** HF {@code repetition_penalty}, finite and {@code > 0}; 1 disables it. */
    public CaptionerBuilder repetitionPenalty(double penalty) {
        knobs.repetitionPenalty(penalty);
        return this;
    }

    /** HF {@code no_repeat_ngram_size}, {@code >= 0}; 0 disables it. */
    public CaptionerBuilder noRepeatNgramSize(int size) {
        knobs.noRepeatNgramSize(size);
        return this;
    }

    /** HF {@code length_penalty} (beam search), finite. */
    public CaptionerBuilder lengthPenalty(double penalty) {
        knobs.lengthPenalty(penalty);
        return this;
    }

    /** HF {@code min_new_tokens}, {@code >= 0} and at most the maximum. */
    public CaptionerBuilder minNewTokens(int tokens) {
        knobs.minNewTokens(tokens);
        return this;
    }

    /** HF {@code max_new_tokens}, {@code >= 1}; unset, HF's {@code max_length} 20 allows 19. */
    public CaptionerBuilder maxNewTokens(int tokens) {
        knobs.maxNewTokens(tokens);
        return this;
    }

    /** HF {@code num_return_sequences}, {@code >= 1}: at most numBeams for beam search, 1 for greedy. */
    public CaptionerBuilder numReturnSequences(int n) {
        knobs.numReturnSequences(n);
        return this;
    }

    /** Sampling seed: the same seed gives the same captions for the same input position. */
    public CaptionerBuilder seed(long seed) {
        knobs.seed(seed);
        return this;
    }

    /** HF {@code early_stopping} for beam search. */
    public CaptionerBuilder earlyStopping(EarlyStopping earlyStopping) {
        knobs.earlyStopping(earlyStopping);
        return this;
    }

    /** HF {@code early_stopping} as a boolean ({@code true} / {@code false}). */
    public CaptionerBuilder earlyStopping(boolean earlyStopping) {
        return earlyStopping(earlyStopping ? EarlyStopping.TRUE : EarlyStopping.FALSE);
    }

    /** Text every caption continues (unless a {@link CaptionRequest} brings its own); null for none. */
    public CaptionerBuilder prompt(String prompt) {
        this.prompt = prompt;
        return this;
    }

    /** Images per generate call, {@code >= 1}; default 8. */
    public CaptionerBuilder batchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize = " + batchSize + ": must be >= 1");
        }
        this.batchSize = batchSize;
        return this;
    }

    /**
     * libtorch intra-op threads used while this captioner runs the model, {@code 1..1024}; default:
     * libtorch's own (one per core, or {@code -Dai.djl.pytorch.num_threads}). The count is
     * process-wide in effect: libtorch keeps it per thread and the captioner sets it on the thread
     * that runs each batch. Use 1 (or few) when other busy processes share the cores: libtorch's pool
     * waits for its descheduled threads at every op, which made captioning ~10x slower with 2 threads
     * on 2 cores at a load of ~5; use the core count on a machine of its own.
     */
    public CaptionerBuilder threads(int threads) {
        if (threads < 1 || threads > 1024) {
            throw new IllegalArgumentException("threads = " + threads + ": must be in 1..1024");
        }
        this.threads = threads;
        return this;
    }

    /** How hub ids are resolved; default {@link ModelResolver#fromEnvironment()}. */
    public CaptionerBuilder modelResolver(ModelResolver resolver) {
        this.resolver = Objects.requireNonNull(resolver, "modelResolver");
        return this;
    }

    /**
     * Checks the combination of settings without resolving or loading anything ({@link #build()} does
     * this first), so that a caller can tell bad settings from a model that cannot be loaded.
     *
     * @throws IllegalArgumentException naming the settings, their values and what is allowed
     */
    public CaptionerBuilder validate() {
        knobs.validate();
        return this;
    }

    /**
     * Validates, resolves and loads the model, tokenizer and preprocessing.
     *
     * @throws IllegalArgumentException for an invalid setting or combination (named)
     * @throws HubException when the model cannot be resolved; the message says what to do
     */
    public Captioner build() {
        validate();
        if (loaded != null) {
            return fromLoaded();
        }
        boolean byDefault = modelId == null;
        String id = byDefault ? Captioner.DEFAULT_MODEL : modelId;
        Path dir = resolve(id, byDefault);
        Blip2Config config = Blip2Config.load(dir.resolve("config.json"));
        BlipImageProcessor images = processor != null ? processor : processorFor(dir, config);
        checkImageSize(images, config);
        TextTokenizer tok = tokenizer;
        boolean ownsTokenizer = false;
        if (tok == null) {
            if (!Files.isRegularFile(dir.resolve(TOKENIZER_FILE))) {
                throw new IllegalArgumentException("model " + id + ": " + dir + " has no " + TOKENIZER_FILE
                        + ", which the captioner needs to turn ids into text; add the model's fast tokenizer file"
                        + " or pass .tokenizer(TextTokenizer)");
            }
            tok = TextTokenizer.load(dir);
            ownsTokenizer = true;
        }
        Blip2Model model = null;
        try {
            DecodingStrategy strategy = knobs.resolve(config.text());
            checkPrompt(tok, config);
            DataType compute = DTypes.engineSafe(dtype != null ? dtype : DataType.FLOAT32);
            model = Blip2Model.load(dir, compute, device != null ? device : Device.cpu());
            LOG.info("captioner: {} in {} on {}, {}", id.equals(dir.toString()) ? id : id + " (" + dir + ")", compute,
                    model.device(), strategy.config().mode());
            return new Captioner(model, true, tok, ownsTokenizer, images, strategy, knobs.seed(), prompt, batchSize,
                    threads);
        } catch (RuntimeException e) {
            if (model != null) {
                model.close();
            }
            if (ownsTokenizer) {
                tok.close();
            }
            throw e;
        }
    }

    private Captioner fromLoaded() {
        if (dtype != null && DTypes.engineSafe(dtype) != loaded.dtype()) {
            throw new IllegalArgumentException("dtype = " + dtype + " conflicts with the given model, which computes in "
                    + loaded.dtype() + "; leave dtype unset with model(Blip2Model)");
        }
        if (device != null && !device.equals(loaded.device())) {
            throw new IllegalArgumentException("device = " + device + " conflicts with the given model, which is on "
                    + loaded.device() + "; leave device unset with model(Blip2Model)");
        }
        Blip2Config config = loaded.config();
        BlipImageProcessor images = processor != null ? processor : defaultProcessor(config);
        checkImageSize(images, config);
        DecodingStrategy strategy = knobs.resolve(config.text());
        checkPrompt(tokenizer, config);
        return new Captioner(loaded, false, tokenizer, false, images, strategy, knobs.seed(), prompt, batchSize,
                threads);
    }

    private Path resolve(String id, boolean byDefault) {
        ModelResolver r = resolver != null ? resolver : ModelResolver.fromEnvironment();
        try {
            return r.resolve(id);
        } catch (HubException e) {
            if (byDefault) {
                throw new HubException("no model was set, so the captioner uses the default " + Captioner.DEFAULT_MODEL
                        + ". " + e.getMessage() + " Or set another one: Captioner.builder().model(\"org/name\" or a"
                        + " directory).", e);
            }
            throw e;
        }
    }

    private static BlipImageProcessor processorFor(Path dir, Blip2Config config) {
        if (Files.isRegularFile(dir.resolve(BlipImageProcessor.CONFIG_FILE))) {
            return BlipImageProcessor.fromConfig(dir);
        }
        LOG.warn("{} has no {}; using BlipImageProcessor defaults at {} x {}", dir, BlipImageProcessor.CONFIG_FILE,
                config.vision().imageSize(), config.vision().imageSize());
        return defaultProcessor(config);
    }

    private static BlipImageProcessor defaultProcessor(Blip2Config config) {
        int size = config.vision().imageSize();
        return BlipImageProcessor.builder().size(size, size).build();
    }

    private static void checkImageSize(BlipImageProcessor images, Blip2Config config) {
        int size = config.vision().imageSize();
        if (images.height() != size || images.width() != size) {
            throw new IllegalArgumentException("image processor size = " + images.width() + "x" + images.height()
                    + ": must be the vision tower's image_size " + size + "x" + size);
        }
    }

    private void checkPrompt(TextTokenizer tok, Blip2Config config) {
        if (prompt == null) {
            return;
        }
        if (tok == null) {
            throw new IllegalArgumentException("prompt = '" + prompt + "' needs a tokenizer: pass .tokenizer(...)");
        }
        new PromptEncoder(tok, config.text()).encodeOne(prompt);
    }
}
