package io.github.blip2j.core.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.blip2j.core.config.Activation;
import io.github.blip2j.core.config.T5Config;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * through direct buffers over the arrays' own memory (no copies through the JNI).
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

    private static final int INITIAL_CAPACITY = 32;

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
    /** Per image, which encoder positions are attended to; {@code null} when none is padded. */
    private final boolean[][] crossKeep;
    private final NDManager manager;
    /** One input per product width: a {@code (rows, 1, width)} array and a buffer over its memory. */
    private final Map<Integer, Input> inputs = new LinkedHashMap<>();

    /** Per block and row: self-attention keys and values, each {@code [head][capacity][d_kv]}. */
    private float[][][] selfKeys;
    private float[][][] selfValues;
    private int capacity;
    private int length;
    private int rows;
    /** The intra-op thread count of the running step, read once per step. */
    private int threads;

    private record Input(NDArray array, FloatBuffer buffer) {}

    /** One decoder block's weights: norm weights copied to the JVM, products read at every call. */
    private record Block(float[] selfNorm, double selfEps, Dense q, Dense k, Dense v, Dense o,
            float[] crossNorm, double crossEps, Dense crossQ, Dense crossO,
            float[] ffnNorm, double ffnEps, Dense wi0, Dense wi1, Dense wo) {}

    /** Whether a model with this dtype, device and mode can decode here. */
    public static boolean supports(DataType dtype, Device device, boolean training) {
        return dtype == DataType.FLOAT32 && Device.Type.CPU.equals(device.getDeviceType()) && !training;
    }

    /**
     * @param t5 the language model
     * @param cross each block's encoder keys {@code (B, H, d_kv, S)} and values {@code (B, H, S, d_kv)}
     *     (as {@link T5Decoder#crossKeyValues} makes them), copied here once
     * @param crossKeep per image, whether each of the {@code S} encoder positions is attended to, or
     *     {@code null} when nothing is padded
     * @param parent the manager this decoder's arrays are made under
     */
    public T5RowDecoder(T5LanguageModel t5, KeyValue[] cross, boolean[][] crossKeep, NDManager parent) {
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
            blocks[i] = new Block(floats(l.selfNorm().weight()), l.selfNorm().eps(), self.q(), self.k(), self.v(), self.o(),
                    floats(l.crossNorm().weight()), l.crossNorm().eps(), x.q(), x.o(),
                    floats(l.ffnNorm().weight()), l.ffnNorm().eps(), ffn.wi0(), ffn.wi1(), ffn.wo());
        }
        this.finalNorm = floats(decoder.finalNorm().weight());
        this.finalEps = decoder.finalNorm().eps();
        this.positionBias = decoder.positionBias();
        this.positionTable = floats(positionBias.table());
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
            float[] keys = cross[i].keys().toFloatArray();
            float[] values = cross[i].values().toFloatArray();
            for (int b = 0; b < images; b++) {
                // (H, d_kv, S) -> (H, S, d_kv): each key's d_kv values side by side, as the values are.
                float[] k = new float[perImage];
                int base = b * perImage;
                for (int h = 0; h < heads; h++) {
                    for (int d = 0; d < dKv; d++) {
                        int from = base + (h * dKv + d) * crossLength;
                        for (int s = 0; s < crossLength; s++) {
                            k[(h * crossLength + s) * dKv + d] = keys[from + s];
                        }
                    }
                }
                crossKeys[i][b] = k;
                crossValues[i][b] = java.util.Arrays.copyOfRange(values, base, base + perImage);
            }
        }
        this.rows = images;
        this.manager = parent.newSubManager();
    }

    private static float[] floats(ModelParameter p) {
        NDArray a = p.array();
        return (a.getDataType() == DataType.FLOAT32 ? a : a.toType(DataType.FLOAT32, false)).toFloatArray();
    }

    /** Number of cached positions. */
    public int length() {
        return length;
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
        if (logits.length < (long) r * vocab) {
            throw new IllegalArgumentException("logits: array of " + logits.length + " floats cannot hold " + r
                    + " rows x " + vocab);
        }
        if (length == 0) {
            rows = r;
        } else if (r != rows) {
            throw new IllegalArgumentException("tokens: " + r + " for " + rows + " cached rows");
        }
        ensureCapacity(length + 1);
        threads = IntraOpThreads.current();
        try (NDManager step = manager.newSubManager()) {
            // Products attach their results to their input's manager: the step's, so they are freed with it.
            for (int width : new java.util.TreeSet<>(List.of(dModel, inner, dFf))) {
                input(width).array().tempAttach(step);
            }
            float[] h = embed(tokens, step);
            float[] n = new float[r * dModel];
            float[] q = new float[r * inner];
            float[] k = new float[r * inner];
            float[] v = new float[r * inner];
            float[] ctx = new float[r * inner];
            float[] o = new float[r * dModel];
            float[] a = new float[r * dFf];
            float[] g = new float[r * dFf];
            double[] weights = new double[Math.max(length + 1, crossLength)];
            double[] acc = new double[dKv];
            float[] bias = selfBias();
            for (int i = 0; i < blocks.length; i++) {
                Block b = blocks[i];
                rmsNorm(h, b.selfNorm(), b.selfEps(), n, r);
                product(b.q(), n, dModel, q, inner, r);
                product(b.k(), n, dModel, k, inner, r);
                product(b.v(), n, dModel, v, inner, r);
                for (int row = 0; row < r; row++) {
                    append(selfKeys[i][row], k, row);
                    append(selfValues[i][row], v, row);
                    attend(q, row, selfKeys[i][row], selfValues[i][row], capacity, length + 1, bias, null, weights, acc, ctx);
                }
                product(b.o(), ctx, inner, o, dModel, r);
                addTo(h, o);
                rmsNorm(h, b.crossNorm(), b.crossEps(), n, r);
                product(b.crossQ(), n, dModel, q, inner, r);
                for (int row = 0; row < r; row++) {
                    int image = rowImage[row];
                    attend(q, row, crossKeys[i][image], crossValues[i][image], crossLength, crossLength, null,
                            crossKeep == null ? null : crossKeep[image], weights, acc, ctx);
                }
                product(b.crossO(), ctx, inner, o, dModel, r);
                addTo(h, o);
                rmsNorm(h, b.ffnNorm(), b.ffnEps(), n, r);
                product(b.wi0(), n, dModel, a, dFf, r);
                HostActivations.apply(activation, a, 0, r * dFf);
                if (b.wi1() != null) {
                    product(b.wi1(), n, dModel, g, dFf, r);
                    for (int j = 0; j < r * dFf; j++) {
                        a[j] *= g[j];
                    }
                }
                product(b.wo(), a, dFf, o, dModel, r);
                addTo(h, o);
            }
            rmsNorm(h, finalNorm, finalEps, n, r);
            if (headScale != 1f) {
                for (int j = 0; j < n.length; j++) {
                    n[j] *= headScale;
                }
            }
            product(t5.lmHead(), n, dModel, logits, vocab, r);
        }
        length++;
    }

    /**
     * Gathers rows: afterwards row {@code i} continues what row {@code selected[i]} held. Indices may
     * repeat or be left out.
     */
    public void selectRows(int[] selected) {
        for (int s : selected) {
            if (s < 0 || s >= rows) {
                throw new IndexOutOfBoundsException("selectRows: row " + s + " is outside 0.." + (rows - 1));
            }
        }
        if (selfKeys != null) {
            for (int i = 0; i < blocks.length; i++) {
                selfKeys[i] = gather(selfKeys[i], selected);
                selfValues[i] = gather(selfValues[i], selected);
            }
        }
        rows = selected.length;
    }

    private static float[][] gather(float[][] old, int[] selected) {
        float[][] next = new float[selected.length][];
        boolean[] taken = new boolean[old.length];
        for (int i = 0; i < selected.length; i++) {
            int s = selected[i];
            // Each row appends to its own arrays, so a row selected twice needs a copy.
            next[i] = taken[s] ? old[s].clone() : old[s];
            taken[s] = true;
        }
        return next;
    }

    private float[] embed(int[] tokens, NDManager step) {
        long[] ids = new long[tokens.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = tokens[i];
        }
        NDArray rowsOfTable = TokenEmbedding.lookup(step.create(ids, new Shape(ids.length, 1)), t5.shared());
        float[] h = new float[ids.length * dModel];
        read(rowsOfTable, h, h.length);
        return h;
    }

    /** {@code y (r, out) = x (r, in) W^T}, through the input array of width {@code in}. */
    private void product(Dense layer, float[] x, int in, float[] y, int out, int r) {
        product(layer.weight(), x, in, y, out, r);
    }

    private void product(ModelParameter weight, float[] x, int in, float[] y, int out, int r) {
        Input input = input(in);
        input.buffer().put(0, x, 0, r * in);
        LinearOps.rowProduct(input.array(), weight, threads).copyTo(y, r, out);
    }

    private static void read(NDArray array, float[] into, int count) {
        array.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer().get(0, into, 0, count);
    }

    /** The {@code (rows, 1, width)} input of that width, (re)made when the row count changed. */
    private Input input(int width) {
        Input in = inputs.get(width);
        if (in != null && in.array().getShape().get(0) == rows) {
            return in;
        }
        if (in != null) {
            in.array().close();
        }
        NDArray array = manager.zeros(new Shape(rows, 1, width), DataType.FLOAT32);
        FloatBuffer buffer = array.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
        in = new Input(array, buffer);
        inputs.put(width, in);
        return in;
    }

    private void ensureCapacity(int needed) {
        if (selfKeys != null && selfKeys[0].length != rows) {
            throw new IllegalStateException("cache holds " + selfKeys[0].length + " rows, expected " + rows);
        }
        if (selfKeys == null) {
            capacity = Math.max(INITIAL_CAPACITY, needed);
            selfKeys = new float[blocks.length][rows][heads * capacity * dKv];
            selfValues = new float[blocks.length][rows][heads * capacity * dKv];
            return;
        }
        if (needed <= capacity) {
            return;
        }
        int grown = Math.max(capacity * 2, needed);
        for (float[][][] cache : new float[][][][] {selfKeys, selfValues}) {
            for (float[][] block : cache) {
                for (int row = 0; row < block.length; row++) {
                    float[] bigger = new float[heads * grown * dKv];
                    for (int h = 0; h < heads; h++) {
                        System.arraycopy(block[row], h * capacity * dKv, bigger, h * grown * dKv, length * dKv);
                    }
                    block[row] = bigger;
                }
            }
        }
        capacity = grown;
    }

    /** Writes row {@code row} of {@code (r, H * d_kv)} projections at position {@link #length} of a cache row. */
    private void append(float[] cache, float[] projected, int row) {
        for (int h = 0; h < heads; h++) {
            System.arraycopy(projected, row * inner + h * dKv, cache, (h * capacity + length) * dKv, dKv);
        }
    }

    /** The self-attention bias of the query at position {@link #length} against keys {@code 0..length}, {@code [head][key]}. */
    private float[] selfBias() {
        int keys = length + 1;
        float[] bias = new float[heads * keys];
        for (int j = 0; j < keys; j++) {
            int bucket = RelativePositionBias.bucket(j - length, positionBias.bidirectional(), positionBias.numBuckets(),
                    positionBias.maxDistance());
            for (int h = 0; h < heads; h++) {
                bias[h * keys + j] = positionTable[bucket * heads + h];
            }
        }
        return bias;
    }

    /**
     * T5 attention of row {@code row}'s query over {@code keys} positions (no {@code 1/sqrt(d)} scale),
     * with an additive bias {@code [head][key]} and/or a keep mask; writes the row's context.
     *
     * @param stride positions allotted per head in {@code keyCache} / {@code valueCache}
     */
    private void attend(float[] q, int row, float[] keyCache, float[] valueCache, int stride, int keys, float[] bias,
            boolean[] keep, double[] weights, double[] acc, float[] ctx) {
        for (int h = 0; h < heads; h++) {
            int qBase = row * inner + h * dKv;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < keys; j++) {
                if (keep != null && !keep[j]) {
                    weights[j] = Double.NEGATIVE_INFINITY;
                    continue;
                }
                int kBase = (h * stride + j) * dKv;
                double s = 0;
                for (int d = 0; d < dKv; d++) {
                    s += (double) q[qBase + d] * keyCache[kBase + d];
                }
                if (bias != null) {
                    s += bias[h * keys + j];
                }
                weights[j] = s;
                max = Math.max(max, s);
            }
            double sum = 0;
            for (int j = 0; j < keys; j++) {
                double e = weights[j] == Double.NEGATIVE_INFINITY ? 0 : Math.exp(weights[j] - max);
                weights[j] = e;
                sum += e;
            }
            java.util.Arrays.fill(acc, 0);
            for (int j = 0; j < keys; j++) {
                double p = weights[j] / sum;
                if (p == 0) {
                    continue;
                }
                int vBase = (h * stride + j) * dKv;
                for (int d = 0; d < dKv; d++) {
                    acc[d] += p * valueCache[vBase + d];
                }
            }
            for (int d = 0; d < dKv; d++) {
                ctx[qBase + d] = (float) acc[d];
            }
        }
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

    private static void addTo(float[] h, float[] delta) {
        for (int j = 0; j < h.length; j++) {
            h[j] += delta[j];
        }
    }

    /** Frees the inputs and the step arrays. */
    @Override
    public void close() {
        manager.close();
        inputs.clear();
        selfKeys = null;
        selfValues = null;
    }
}
