package io.github.blip2j.core.model;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.blip2j.core.config.Activation;
import io.github.blip2j.core.config.OptConfig;
import java.util.List;

/**
 * OPT decoding steps after the prefix (one new token per row) with every weight product in libtorch
 * and everything between them on the JVM: LayerNorms, biases, the query scale, attention over the
 * cache with the padding mask, the activation, residuals. Why, and how products move, as for
 * {@link T5RowDecoder}; logits agree with {@link OptLanguageModel#forward} to float rounding.
 *
 * <p>The prefix (queries and prompt) still runs through libtorch; its keys/values are copied here
 * once. For float32 models on the CPU in eval mode ({@link #supports}); one instance per generation
 * session, not thread-safe.
 */
public final class OptRowDecoder implements AutoCloseable {

    private final OptLanguageModel opt;
    private final int hidden;
    private final int heads;
    private final int headDim;
    private final int ffn;
    private final int vocab;
    private final boolean preNorm;
    private final Activation activation;
    private final float scaling;
    private final Layer[] layers;
    /** The final LayerNorm's weight and bias, or {@code null} when absent (post-LN) or not affine. */
    private final float[] finalWeight;
    private final float[] finalBias;
    private final boolean hasFinalNorm;
    private final float finalEps;
    private final HostProducts products;
    private final HostKvCache cache;
    private final HostAttention attention;

    /** One layer: LayerNorm parameters and biases copied to the JVM (null where absent), products read at every call. */
    private record Layer(float[] attnNormWeight, float[] attnNormBias, float attnNormEps,
            Dense q, float[] qBias, Dense k, float[] kBias, Dense v, float[] vBias, Dense out, float[] outBias,
            float[] ffnNormWeight, float[] ffnNormBias, float ffnNormEps,
            Dense fc1, float[] fc1Bias, Dense fc2, float[] fc2Bias) {}

    /** Whether a model with this dtype, device and mode can decode here. */
    public static boolean supports(DataType dtype, Device device, boolean training) {
        return T5RowDecoder.supports(dtype, device, training);
    }

    /**
     * @param opt the language model
     * @param prefix each layer's keys {@code (rows, H, head_dim, P)} and values {@code (rows, H, P, head_dim)}
     *     after the prefix, copied here once
     * @param parent the manager this decoder's arrays are made under
     */
    public OptRowDecoder(OptLanguageModel opt, KeyValue[] prefix, NDManager parent) {
        OptConfig config = opt.config();
        this.opt = opt;
        this.hidden = config.hiddenSize();
        this.heads = config.numAttentionHeads();
        this.headDim = config.headDim();
        this.ffn = config.ffnDim();
        this.vocab = config.vocabSize();
        this.preNorm = config.doLayerNormBefore();
        this.activation = config.activationFunction();
        List<OptDecoderLayer> decoderLayers = opt.layers();
        if (prefix.length != decoderLayers.size()) {
            throw new IllegalArgumentException("prefix: " + prefix.length + " keys/values for " + decoderLayers.size()
                    + " layers");
        }
        this.layers = new Layer[decoderLayers.size()];
        double scale = 0;
        for (int i = 0; i < layers.length; i++) {
            OptDecoderLayer l = decoderLayers.get(i);
            OptAttention a = l.selfAttn();
            scale = a.scaling();
            layers[i] = new Layer(HostArrays.floatsOrNull(l.selfAttnLayerNorm().weight()), HostArrays.floatsOrNull(l.selfAttnLayerNorm().bias()),
                    l.selfAttnLayerNorm().eps(), a.q(), HostArrays.floatsOrNull(a.q().bias()), a.k(), HostArrays.floatsOrNull(a.k().bias()),
                    a.v(), HostArrays.floatsOrNull(a.v().bias()), a.out(), HostArrays.floatsOrNull(a.out().bias()),
                    HostArrays.floatsOrNull(l.finalLayerNorm().weight()), HostArrays.floatsOrNull(l.finalLayerNorm().bias()),
                    l.finalLayerNorm().eps(), l.fc1(), HostArrays.floatsOrNull(l.fc1().bias()), l.fc2(), HostArrays.floatsOrNull(l.fc2().bias()));
        }
        // The libtorch path multiplies by the scale as a float32 scalar, so round it the same way.
        this.scaling = (float) scale;
        LayerNormalization last = opt.finalLayerNorm();
        this.hasFinalNorm = last != null;
        this.finalWeight = last == null ? null : HostArrays.floatsOrNull(last.weight());
        this.finalBias = last == null ? null : HostArrays.floatsOrNull(last.bias());
        this.finalEps = last == null ? 0 : last.eps();
        this.cache = new HostKvCache(layers.length, heads, headDim, 0);
        cache.load(prefix);
        this.attention = new HostAttention(heads, headDim);
        this.products = new HostProducts(parent);
    }

    /** Number of cached positions (the prefix included). */
    public int length() {
        return cache.length();
    }

    /**
     * Feeds one token per row and writes each row's next-token logits.
     *
     * @param tokens the last token of each live row
     * @param mask per row, 1 / 0 for every cached position and then the new one ({@link #length()} + 1 entries)
     * @param logits receives {@code rows x vocab} floats
     */
    public void step(int[] tokens, int[][] mask, float[] logits) {
        int r = tokens.length;
        int position = cache.length();
        if (r != cache.rows()) {
            throw new IllegalArgumentException("tokens: " + r + " for " + cache.rows() + " cached rows");
        }
        if (mask.length != r || mask[0].length != position + 1) {
            throw new IllegalArgumentException("attention_mask: expected " + r + " rows of " + (position + 1)
                    + " (past " + position + " + new 1), got " + mask.length + " rows of " + mask[0].length);
        }
        HostArrays.checkLogits(logits, r, vocab);
        cache.reserve(position + 1);
        try (NDManager step = products.manager().newSubManager()) {
            products.begin(step, r, hidden, ffn);
            float[] h = embed(tokens, mask, step);
            float[] x = new float[r * hidden];
            float[] q = new float[r * hidden];
            float[] k = new float[r * hidden];
            float[] v = new float[r * hidden];
            float[] ctx = new float[r * hidden];
            float[] o = new float[r * hidden];
            float[] f = new float[r * ffn];
            for (int i = 0; i < layers.length; i++) {
                Layer l = layers[i];
                float[] in = h;
                if (preNorm) {
                    layerNorm(h, l.attnNormWeight(), l.attnNormBias(), l.attnNormEps(), x, r);
                    in = x;
                }
                products.product(l.q().weight(), l.qBias(), in, hidden, q, hidden);
                for (int j = 0; j < q.length; j++) {
                    q[j] *= scaling;
                }
                products.product(l.k().weight(), l.kBias(), in, hidden, k, hidden);
                products.product(l.v().weight(), l.vBias(), in, hidden, v, hidden);
                for (int row = 0; row < r; row++) {
                    cache.append(i, row, k, v, row * hidden);
                    attention.attend(q, row * hidden, cache.keys(i, row), cache.values(i, row), cache.capacity(),
                            position + 1, null, mask[row], ctx);
                }
                products.product(l.out().weight(), l.outBias(), ctx, hidden, o, hidden);
                HostArrays.addTo(h, o);
                if (!preNorm) {
                    layerNorm(h, l.attnNormWeight(), l.attnNormBias(), l.attnNormEps(), h, r);
                }
                in = h;
                if (preNorm) {
                    layerNorm(h, l.ffnNormWeight(), l.ffnNormBias(), l.ffnNormEps(), x, r);
                    in = x;
                }
                products.product(l.fc1().weight(), l.fc1Bias(), in, hidden, f, ffn);
                HostActivations.apply(activation, f, 0, r * ffn);
                products.product(l.fc2().weight(), l.fc2Bias(), f, ffn, o, hidden);
                HostArrays.addTo(h, o);
                if (!preNorm) {
                    layerNorm(h, l.ffnNormWeight(), l.ffnNormBias(), l.ffnNormEps(), h, r);
                }
            }
            if (hasFinalNorm) {
                layerNorm(h, finalWeight, finalBias, finalEps, x, r);
                h = x;
            }
            products.product(opt.lmHead(), h, hidden, logits, vocab);
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

    /** Token embeddings plus learned positions (from each row's mask) of the new slot. */
    private float[] embed(int[] tokens, int[][] mask, NDManager step) {
        long[][] positionRows = opt.positions().rows(mask, 1);
        long[] positionIds = new long[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            positionIds[i] = positionRows[i][0];
        }
        float[] h = HostArrays.rows(opt.embedTokens(), tokens, hidden, step);
        HostArrays.addTo(h, HostArrays.rows(opt.positions().table(), positionIds, hidden, step));
        return h;
    }

    /** {@code nn.LayerNorm} of each row (biased variance, in double), affine when {@code weight} is given. */
    private void layerNorm(float[] x, float[] weight, float[] bias, float eps, float[] out, int r) {
        for (int row = 0; row < r; row++) {
            int base = row * hidden;
            double sum = 0;
            for (int j = 0; j < hidden; j++) {
                sum += x[base + j];
            }
            double mean = sum / hidden;
            double squares = 0;
            for (int j = 0; j < hidden; j++) {
                double c = x[base + j] - mean;
                squares += c * c;
            }
            double rstd = 1 / Math.sqrt(squares / hidden + eps);
            for (int j = 0; j < hidden; j++) {
                double y = (x[base + j] - mean) * rstd;
                out[base + j] = (float) (weight == null ? y : y * weight[j] + bias[j]);
            }
        }
    }

    /** Frees the products' arrays. */
    @Override
    public void close() {
        products.close();
    }
}
