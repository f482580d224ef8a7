package io.github.blip2j.core;

import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.blip2j.core.caption.PromptEncoder;
import io.github.blip2j.core.generation.Blip2Generation;
import io.github.blip2j.core.generation.GenerationSession;
import io.github.blip2j.core.generation.PromptBatch;
import io.github.blip2j.core.image.BlipImageProcessor;
import io.github.blip2j.core.image.RgbImage;
import io.github.blip2j.core.model.Blip2Model;
import io.github.blip2j.core.model.IntraOpThreads;
import io.github.blip2j.core.text.TextTokenizer;
import io.github.blip2j.decoding.DecodingStrategy;
import io.github.blip2j.decoding.GeneratedSequence;
import io.github.blip2j.decoding.GenerationResult;
import java.awt.image.BufferedImage;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Captions images with a BLIP-2 model, as Hugging Face's {@code Blip2Processor} +
 * {@code Blip2ForConditionalGeneration.generate} (transformers v4.36.2) would.
 *
 * <pre>{@code
 * try (Captioner captioner = Captioner.builder().model("Salesforce/blip2-flan-t5-xl").numBeams(5).build()) {
 *     Caption best = captioner.caption(Path.of("cat.jpg"));
 *     List<Caption> all = captioner.caption(List.of(img1, new CaptionRequest(img2, "a photo of")));
 * }
 * }</pre>
 *
 * <p><b>Batching.</b> {@link #caption(List)} cuts its input into batches of {@code batchSize}
 * images; each batch is one padded generate call. Results do not depend on the batch size beyond
 * float32 noise (and, with a seed, sampling draws depend only on the seed and the input's position).
 *
 * <p><b>Threads.</b> Safe to share: image decoding, preprocessing and tokenization run on the calling
 * thread in parallel with other callers; the model runs one batch at a time under a fair lock
 * (concurrent native calls would only compete for the same cores). {@link #close()} waits for the
 * running batch.
 *
 * <p><b>Memory.</b> Each batch allocates its native arrays in a sub-manager of the model's manager
 * and frees them before returning, so long runs do not grow native memory.
 */
public final class Captioner implements AutoCloseable {

    /** The model used when the builder is given none. */
    public static final String DEFAULT_MODEL = "Salesforce/blip2-flan-t5-xl";

    private final Blip2Model model;
    private final boolean ownsModel;
    private final TextTokenizer tokenizer;
    private final boolean ownsTokenizer;
    private final BlipImageProcessor processor;
    private final DecodingStrategy strategy;
    private final Long seed;
    private final String prompt;
    private final int batchSize;
    /** Intra-op threads set on the thread running each batch, or 0 to leave libtorch's count alone. */
    private final int threads;
    private final PromptEncoder prompts;
    private final ReentrantLock lock = new ReentrantLock(true);
    private volatile boolean closed;

    Captioner(Blip2Model model, boolean ownsModel, TextTokenizer tokenizer, boolean ownsTokenizer,
            BlipImageProcessor processor, DecodingStrategy strategy, Long seed, String prompt, int batchSize,
            int threads) {
        this.model = model;
        this.ownsModel = ownsModel;
        this.tokenizer = tokenizer;
        this.ownsTokenizer = ownsTokenizer;
        this.processor = processor;
        this.strategy = strategy;
        this.seed = seed;
        this.prompt = prompt;
        this.batchSize = batchSize;
        this.threads = threads;
        this.prompts = new PromptEncoder(tokenizer, model.config().text());
    }

    /** A builder; see {@link CaptionerBuilder} for every setting and its default. */
    public static CaptionerBuilder builder() {
        return new CaptionerBuilder();
    }

    /** Captions an image file; returns the first (for beam search: the best) caption. */
    public Caption caption(Path image) {
        return first(image);
    }

    /** Captions a Java2D image; returns the first (for beam search: the best) caption. */
    public Caption caption(BufferedImage image) {
        return first(image);
    }

    /** Captions a DJL image; returns the first (for beam search: the best) caption. */
    public Caption caption(Image image) {
        return first(image);
    }

    /** Captions one image with its own prompt; returns the first (for beam search: the best) caption. */
    public Caption caption(CaptionRequest request) {
        return first(request);
    }

    private Caption first(Object input) {
        return caption(List.of(Objects.requireNonNull(input, "image"))).get(0);
    }

    /**
     * Captions several images, {@code batchSize} at a time.
     *
     * @param inputs each a {@link Path}, {@link BufferedImage}, DJL {@link Image}, {@link RgbImage} or a
     *     {@link CaptionRequest} (an image with its own prompt)
     * @return {@code numReturnSequences} captions per input, input by input, in order (for beam search
     *     the best first); {@link Caption#index()} and {@link Caption#sequence()} say which is which
     * @throws IllegalArgumentException naming the input (index and path) that is of an unsupported
     *     type or cannot be decoded, or a prompt that cannot be encoded
     * @throws UncheckedIOException naming the file when an image cannot be read
     * @throws IllegalStateException after {@link #close()}
     */
    public List<Caption> caption(List<?> inputs) {
        Objects.requireNonNull(inputs, "inputs");
        List<Caption> out = new ArrayList<>();
        for (int start = 0; start < inputs.size(); start += batchSize) {
            out.addAll(captionBatch(inputs, start, Math.min(inputs.size(), start + batchSize)));
        }
        return out;
    }

    private List<Caption> captionBatch(List<?> inputs, int start, int end) {
        ensureOpen();
        int n = end - start;
        Object[] images = new Object[n];
        List<String> texts = new ArrayList<>(n);
        float[][] pixels = new float[n][];
        for (int i = 0; i < n; i++) {
            Object in = inputs.get(start + i);
            if (in == null) {
                throw new IllegalArgumentException("inputs[" + (start + i) + "] is null");
            }
            String p = prompt;
            if (in instanceof CaptionRequest r) {
                images[i] = r.image();
                p = r.prompt() != null ? r.prompt() : prompt;
            } else {
                images[i] = in;
            }
            texts.add(p);
            pixels[i] = preprocess(images[i], start + i);
        }
        PromptBatch promptBatch;
        try {
            promptBatch = prompts.encode(texts);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("prompts of inputs[" + start + ".." + (end - 1) + "]: " + e.getMessage(), e);
        }
        long[] seeds = itemSeeds(start, n);
        GenerationResult result;
        lock.lock();
        try {
            ensureOpen();
            if (threads > 0) {
                IntraOpThreads.use(threads);
            }
            result = generate(pixels, promptBatch, seeds);
        } finally {
            lock.unlock();
        }
        List<Caption> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<GeneratedSequence> seqs = result.sequences(i);
            for (int j = 0; j < seqs.size(); j++) {
                GeneratedSequence s = seqs.get(j);
                out.add(new Caption(decode(s.tokens()), s.tokens(), s.score(), images[i], texts.get(i), start + i, j));
            }
        }
        return out;
    }

    private float[] preprocess(Object image, int index) {
        try {
            return processor.preprocess(RgbImage.from(image));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("inputs[" + index + "] (" + describe(image) + "): " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("inputs[" + index + "]: " + e.getMessage(), e.getCause());
        }
    }

    private static String describe(Object image) {
        if (image instanceof Path p) {
            return p.toString();
        }
        return image == null ? "null" : image.getClass().getSimpleName();
    }

    private GenerationResult generate(float[][] pixels, PromptBatch promptBatch, long[] seeds) {
        int n = pixels.length;
        int per = pixels[0].length;
        float[] flat = new float[n * per];
        for (int i = 0; i < n; i++) {
            System.arraycopy(pixels[i], 0, flat, i * per, per);
        }
        try (NDManager call = model.manager().newSubManager()) {
            NDArray px = call.create(flat, new Shape(n, 3, processor.height(), processor.width()));
            try (GenerationSession session = Blip2Generation.start(model, px, promptBatch)) {
                int[] lead = new int[n];
                Arrays.fill(lead, session.leadingTokenId());
                return strategy.generate(session, lead, seeds, null);
            }
        }
    }

    /**
     * Per-input sampling seeds derived from the configured seed and the input's position, so that a
     * caption does not depend on the batch size; {@code null} (fresh draws) without a seed.
     */
    private long[] itemSeeds(int start, int n) {
        if (seed == null) {
            return null;
        }
        long[] s = new long[n];
        for (int i = 0; i < n; i++) {
            s[i] = mix(seed + (start + i + 1L) * 0x9E3779B97F4A7C15L);
        }
        return s;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private String decode(int[] tokens) {
        if (tokenizer == null) {
            return "";
        }
        long[] ids = new long[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            ids[i] = tokens[i];
        }
        return tokenizer.decode(ids, true).strip();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("captioner is closed");
        }
    }

    /** The model (shared; closed with the captioner if the captioner loaded it). */
    public Blip2Model model() {
        return model;
    }

    /** The tokenizer, if any. */
    public Optional<TextTokenizer> tokenizer() {
        return Optional.ofNullable(tokenizer);
    }

    /** The image preprocessing. */
    public BlipImageProcessor imageProcessor() {
        return processor;
    }

    /** The decoding strategy, with its full configuration (token ids filled from the model's config). */
    public DecodingStrategy decoding() {
        return strategy;
    }

    /** The prompt used for inputs without one of their own, or {@code null}. */
    public String prompt() {
        return prompt;
    }

    /** Images per generate call. */
    public int batchSize() {
        return batchSize;
    }

    /** Frees the model and tokenizer if the captioner loaded them; waits for a running batch. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (ownsTokenizer && tokenizer != null) {
                tokenizer.close();
            }
            if (ownsModel) {
                model.close();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "Captioner{" + model.config().text().modelType() + ", " + model.dtype() + " on " + model.device()
                + ", " + strategy.config().mode() + ", batchSize=" + batchSize + "}";
    }
}
