package io.github.blip2j.core.model;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.blip2j.core.config.Activation;
import io.github.blip2j.core.config.T5Config;
import java.util.Arrays;
import java.util.List;

/**
 * T5 decoding steps (one new token per row) with every weight product in libtorch and everything
 * between the products on the JVM: the RMS norms, attention over the self-attention cache and the
 * encoder keys/values, the activation, the residual adds.
 *
 * <p>Why: a step of a decoder-only-sized model is ~55 products separated by ~280 small ops on rows of
 * 512-1024 floats. Each product streams megabytes of weights through the caches, so every small libtorch
 * op after it runs with cold caches: a 6-op RMS norm takes ~90 us there against ~40 us in a warm loop,
 * and these ops were a third of a batch-1 step on the benchmark model. On the JVM the same work is a
 * few microseconds of arithmetic on arrays that stay in L1, and a product's input and output move
 * through direct buffers over the arrays' own memory ({@link HostProducts}).
 *
 * <p>The products are exactly those of the libtorch path ({@link LinearOps}, same kernels, same
 * weights read through their {@link ModelParameter}s at every call, so LoRA swaps are seen). The rest
 * is computed in double and rounded to float where libtorch would store a float32 tensor, so logits
 * agree with the libtorch path to float rounding, not bit for bit.
 *
 * <p>For float32 models on the CPU in eval mode ({@link #supports}); one instance per generation
 * session, not thread-safe.
 */
public final class T5RowDecoder implements AutoCloseable {

    private final T5LanguageModel t5;
    private final int dModel;
    private final int heads;
    private final int dKv;
    private final int inner;
    private final int dFf;
    private final int vocab;
    private final Activation activation;
    private final Block[] blocks;
    private final float[] finalNorm;
    private final double finalEps;
    /** The relative-position table {@code (buckets, heads)}. */
    private final float[] positionTable;
    private final RelativePositionBias positionBias;
    /** {@code d_model^-0.5} for a tied lm_head (original T5), else 1. */
    private final float headScale;
    /** Per block and image: encoder keys and values, each {@code [head][position][d_kv]}. */
    private final float[][][] crossKeys;
    private final float[][][] crossValues;
    private final int crossLength;
    /** Per image, 1 for each encoder position attended to and 0 for padding; {@code null} when none is padded. */
    private final int[][] crossKeep;
    private final HostProducts products;
    private final HostKvCache cache;
    private final HostAttention attention;

    /** One decoder block's weights: norm weights copied to the JVM, products read at every call. */
    private record Block(float[] selfNorm, double selfEps, Dense q, Dense k, Dense v, Dense o,
            float[] crossNorm, double crossEps, Dense crossQ, Dense crossO,
            float[] ffnNorm, double ffnEps, Dense wi0, Dense wi1, Dense wo) {}

    /**
     * System property that, set to {@code false}, sends every decoding step through the libtorch
     * decoders instead (read when a generation session opens): for comparisons with earlier releases,
     * which computed the steps there bit for bit.
     */
    public static final String ENABLED_PROPERTY = "blip2j.jvmDecodingSteps";

    /**
     * Whether a model with this dtype, device and mode decodes here: float32 on the CPU in eval mode,
     * unless {@link #ENABLED_PROPERTY} is {@code false}.
     */
    public static boolean supports(DataType dtype, Device device, boolean training) {
        return dtype == DataType.FLOAT32 && Device.Type.CPU.equals(device.getDeviceType()) && !training
                && !"false".equalsIgnoreCase(System.getProperty(ENABLED_PROPERTY));
    }

    /**
     * @param t5 the language model
     * @param cross each block's encoder keys {@code (B, H, d_kv, S)} and values {@code (B, H, S, d_kv)}
     *     (as {@link T5Decoder#crossKeyValues} makes them), copied here once
     * @param crossKeep per image, 1 for each of the {@code S} encoder positions attended to and 0 for
     *     padding, or {@code null} when nothing is padded
     * @param parent the manager this decoder's arrays are made under
     */
    public T5RowDecoder(T5LanguageModel t5, KeyValue[] cross, int[][] crossKeep, NDManager parent) {
        T5Config config = t5.config();
        this.t5 = t5;
        this.dModel = config.dModel();
        this.heads = config.numHeads();
        this.dKv = config.dKv();
        this.inner = config.innerDim();
        this.dFf = config.dFf();
        this.vocab = config.vocabSize();
        this.activation = config.denseActFn();
        this.headScale = config.tieWordEmbeddings() ? (float) Math.pow(config.dModel(), -0.5) : 1f;
        T5Decoder decoder = t5.decoder();
        List<T5DecoderLayer> layers = decoder.blocks();
        if (cross.length != layers.size()) {
            throw new IllegalArgumentException("cross: " + cross.length + " keys/values for " + layers.size() + " blocks");
        }
        this.blocks = new Block[layers.size()];
        for (int i = 0; i < blocks.length; i++) {
            T5DecoderLayer l = layers.get(i);
            T5Attention self = l.selfAttention();
            T5Attention x = l.crossAttention();
            GatedFfn ffn = l.ffn();
            blocks[i] = new Block(HostArrays.floats(l.selfNorm().weight()), l.selfNorm().eps(), self.q(), self.k(), self.v(), self.o(),
                    HostArrays.floats(l.crossNorm().weight()), l.crossNorm().eps(), x.q(), x.o(),
                    HostArrays.floats(l.ffnNorm().weight()), l.ffnNorm().eps(), ffn.wi0(), ffn.wi1(), ffn.wo());
        }
        this.finalNorm = HostArrays.floats(decoder.finalNorm().weight());
        this.finalEps = decoder.finalNorm().eps();
        this.positionBias = decoder.positionBias();
        this.positionTable = HostArrays.floats(positionBias.table());
        long[] keyShape = cross[0].keys().getShape().getShape();
        int images = (int) keyShape[0];
        this.crossLength = (int) keyShape[3];
        if (crossKeep != null && (crossKeep.length != images || crossKeep[0].length != crossLength)) {
            throw new IllegalArgumentException("crossKeep: " + crossKeep.length + " x " + crossKeep[0].length
                    + " for " + images + " images x " + crossLength + " encoder positions");
        }
        this.crossKeep = crossKeep;
        this.crossKeys = new float[blocks.length][images][];
        this.crossValues = new float[blocks.length][images][];
        int perImage = heads * crossLength * dKv;
        for (int i = 0; i < blocks.length; i++) {
            float[] keys = HostArrays.floats(cross[i].keys());
            float[] values = HostArrays.floats(cross[i].values());
            for (int b = 0; b < images; b++) {
                crossKeys[i][b] = new float[perImage];
                HostKvCache.untransposeKeys(keys, b * perImage, heads, dKv, crossLength, crossKeys[i][b], crossLength);
                crossValues[i][b] = Arrays.copyOfRange(values, b * perImage, (b + 1) * perImage);
            }
        }
        this.cache = new HostKvCache(blocks.length, heads, dKv, images);
        this.attention = new HostAttention(heads, dKv);
        this.products = new HostProducts(parent);
    }

    /** Number of cached positions. */
    public int length() {
        return cache.length();
    }

    /**
     * Feeds one token per row and writes each row's next-token logits.
     *
     * @param tokens the last token of each live row
     * @param rowImage the image (index into the encoder keys/values) of each row
     * @param logits receives {@code rows x vocab} floats
     */
    public void step(int[] tokens, int[] rowImage, float[] logits) {
        int r = tokens.length;
        if (rowImage.length != r) {
            throw new IllegalArgumentException("rowImage: " + rowImage.length + " entries for " + r + " rows");
        }
        HostArrays.checkLogits(logits, r, vocab);
        if (cache.length() == 0) {
            cache.setRows(r);
        } else if (r != cache.rows()) {
            throw new IllegalArgumentException("tokens: " + r + " for " + cache.rows() + " cached rows");
        }
        int position = cache.length();
        cache.reserve(position + 1);
        try (NDManager step = products.manager().newSubManager()) {
            products.begin(step, r, dModel, inner, dFf);
            float[] h = HostArrays.rows(t5.shared(), tokens, dModel, step);
            float[] n = new float[r * dModel];
            float[] q = new float[r * inner];
            float[] k = new float[r * inner];
            float[] v = new float[r * inner];
            float[] ctx = new float[r * inner];
            float[] o = new float[r * dModel];
            float[] a = new float[r * dFf];
            float[] g = new float[r * dFf];
            float[] bias = selfBias(position);
            for (int i = 0; i < blocks.length; i++) {
                Block b = blocks[i];
                rmsNorm(h, b.selfNorm(), b.selfEps(), n, r);
                products.product(b.q().weight(), n, dModel, q, inner);
                products.product(b.k().weight(), n, dModel, k, inner);
                products.product(b.v().weight(), n, dModel, v, inner);
                for (int row = 0; row < r; row++) {
                    cache.append(i, row, k, v, row * inner);
                    attention.attend(q, row * inner, cache.keys(i, row), cache.values(i, row), cache.capacity(),
                            position + 1, bias, null, ctx);
                }
                products.product(b.o().weight(), ctx, inner, o, dModel);
                HostArrays.addTo(h, o);
                rmsNorm(h, b.crossNorm(), b.crossEps(), n, r);
                products.product(b.crossQ().weight(), n, dModel, q, inner);
                for (int row = 0; row < r; row++) {
                    int image = rowImage[row];
                    attention.attend(q, row * inner, crossKeys[i][image], crossValues[i][image], crossLength, crossLength,
                            null, crossKeep == null ? null : crossKeep[image], ctx);
                }
                products.product(b.crossO().weight(), ctx, inner, o, dModel);
                HostArrays.addTo(h, o);
                rmsNorm(h, b.ffnNorm(), b.ffnEps(), n, r);
                products.product(b.wi0().weight(), n, dModel, a, dFf);
                HostActivations.apply(activation, a, 0, r * dFf);
                if (b.wi1() != null) {
                    products.product(b.wi1().weight(), n, dModel, g, dFf);
                    for (int j = 0; j < r * dFf; j++) {
                        a[j] *= g[j];
                    }
                }
                products.product(b.wo().weight(), a, dFf, o, dModel);
                HostArrays.addTo(h, o);
            }
            rmsNorm(h, finalNorm, finalEps, n, r);
            if (headScale != 1f) {
                for (int j = 0; j < n.length; j++) {
                    n[j] *= headScale;
                }
            }
            products.product(t5.lmHead(), n, dModel, logits, vocab);
        }
        cache.advance();
    }

    /**
     * Gathers rows: afterwards row {@code i} continues what row {@code selected[i]} held. Indices may
     * repeat or be left out.
     */
    public void selectRows(int[] selected) {
        cache.select(selected);
    }

    /** The self-attention bias of the query at {@code position} against keys {@code 0..position}, {@code [head][key]}. */
    private float[] selfBias(int position) {
        int keys = position + 1;
        float[] bias = new float[heads * keys];
        for (int j = 0; j < keys; j++) {
            int bucket = RelativePositionBias.bucket(j - position, positionBias.bidirectional(), positionBias.numBuckets(),
                    positionBias.maxDistance());
            for (int h = 0; h < heads; h++) {
                bias[h * keys + j] = positionTable[bucket * heads + h];
            }
        }
        return bias;
    }

    /** T5's norm of each row: {@code w * (x * rsqrt(mean(x^2) + eps))}, in the order Hugging Face rounds it. */
    private void rmsNorm(float[] x, float[] weight, double eps, float[] out, int r) {
        for (int row = 0; row < r; row++) {
            int base = row * dModel;
            double squares = 0;
            for (int j = 0; j < dModel; j++) {
                double xj = x[base + j];
                squares += xj * xj;
            }
            float variance = (float) (squares / dModel);
            float scale = (float) (1.0 / Math.sqrt((double) (variance + (float) eps)));
            for (int j = 0; j < dModel; j++) {
                out[base + j] = weight[j] * (x[base + j] * scale);
            }
        }
    }

    /** Frees the products' arrays. */
    @Override
    public void close() {
        products.close();
    }
}
