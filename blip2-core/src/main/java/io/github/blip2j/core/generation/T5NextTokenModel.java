package io.github.blip2j.core.generation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.blip2j.core.config.T5Config;
import io.github.blip2j.core.model.Blip2Model;
import io.github.blip2j.core.model.DecoderOutput;
import io.github.blip2j.core.model.KeyValue;
import io.github.blip2j.core.model.KvCache;
import io.github.blip2j.core.model.NoGradient;
import io.github.blip2j.core.model.MaskBias;
import io.github.blip2j.core.model.T5LanguageModel;
import io.github.blip2j.core.model.T5RowDecoder;
import java.util.Arrays;

/**
 * Flan-T5 generation: the encoder runs once over {@code [queries ; prompt]}, each decoder layer's
 * cross-attention keys/values are computed once per image, and each step feeds one token per row
 * through the decoder with a self-attention KV cache. Beam rows that share an image share the
 * per-image encoder state, gathered only when the row-to-image mapping changes.
 *
 * <p>Float32 models on the CPU step through {@link T5RowDecoder} (products in libtorch, the rest on the
 * JVM, which is faster for the few rows of a decoding step); other dtypes, devices and training mode
 * through the decoder's libtorch forward.
 */
final class T5NextTokenModel implements GenerationSession {

    private final Blip2Model model;
    private final T5LanguageModel t5;
    private final NDManager session;
    private final KvCache selfCache;
    private final KeyValue[] imageCross;
    /** Encoder padding mask, or null when no prompt row is padded. */
    private final NDArray imageCrossBias;
    private final int batch;
    private NDManager rowManager;
    private KeyValue[] rowCross;
    private NDArray rowCrossBias;
    private int[] rowImage;
    private final int leading;
    /** Decoder position bias for one-token steps, sliced per step; regrown by doubling. */
    private NDArray stepBias;
    /** The JVM-side stepper, or null when the libtorch decoder steps. */
    private final T5RowDecoder rowDecoder;
    private static final int INITIAL_BIAS_CAPACITY = 32;

    T5NextTokenModel(Blip2Model model, T5LanguageModel t5, NDArray languageInputs, PromptBatch prompts) {
        this.model = model;
        this.t5 = t5;
        this.batch = prompts.size();
        T5Config config = t5.config();
        Integer start = config.decoderStartTokenId() != null ? config.decoderStartTokenId() : config.bosTokenId();
        if (start == null) {
            throw new IllegalStateException("text_config has neither decoder_start_token_id nor bos_token_id");
        }
        this.leading = start;
        this.session = model.manager().newSubManager();
        try (NDManager prep = session.newSubManager()) {
            languageInputs.tempAttach(prep);
            long q = languageInputs.getShape().get(1);
            NDArray ids = prep.create(prompts.inputIds()).toDevice(model.device(), false);
            NDArray mask = prep.create(prompts.attentionMask()).toType(DataType.INT64, false)
                    .toDevice(model.device(), false);
            NDArray embeds = NDArrays.concat(new NDList(languageInputs,
                    t5.embed(ids).toType(model.dtype(), false)), 1);
            NDArray fullMask = NDArrays.concat(new NDList(
                    prep.ones(new ai.djl.ndarray.types.Shape(batch, q), DataType.INT64, model.device()), mask), 1);
            NDArray encoded = t5.encoder().forward(embeds, fullMask);
            imageCross = t5.decoder().crossKeyValues(encoded);
            // Without padding the encoder mask adds zeros: skip it (one op less per layer and step).
            boolean padded = Arrays.stream(prompts.attentionMask()).flatMapToInt(Arrays::stream).anyMatch(v -> v == 0);
            imageCrossBias = padded ? MaskBias.padding(fullMask, model.dtype()) : null;
            for (KeyValue kv : imageCross) {
                kv.keys().attach(session);
                kv.values().attach(session);
            }
            if (imageCrossBias != null) {
                imageCrossBias.attach(session);
            }
            rowDecoder = T5RowDecoder.supports(model.dtype(), model.device(), model.isTraining())
                    ? new T5RowDecoder(t5, imageCross, padded ? keep(prompts, q) : null, session)
                    : null;
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        this.selfCache = new KvCache(session);
        this.rowImage = identity(batch);
        this.rowCross = imageCross;
        this.rowCrossBias = imageCrossBias;
    }

    /** Per image, whether each encoder position ({@code q} queries, then the prompt) is attended to. */
    private static int[][] keep(PromptBatch prompts, long queries) {
        int q = (int) queries;
        int[][] keep = new int[prompts.size()][q + prompts.length()];
        for (int b = 0; b < keep.length; b++) {
            Arrays.fill(keep[b], 0, q, 1);
            System.arraycopy(prompts.attentionMask()[b], 0, keep[b], q, prompts.length());
        }
        return keep;
    }

    private static int[] identity(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    @Override
    public int vocabSize() {
        return t5.vocabSize();
    }

    @Override
    public int leadingTokenId() {
        return leading;
    }

    @Override
    public int batchSize() {
        return batch;
    }

    @Override
    public int rows() {
        return rowImage.length;
    }

    @Override
    public void nextLogits(int[] lastTokens, float[] logits) {
        int rows = rowImage.length;
        if (lastTokens.length != rows) {
            throw new IllegalArgumentException("lastTokens: " + lastTokens.length + " tokens for " + rows + " live rows");
        }
        if (rowDecoder != null) {
            // Its products may read LoRA-adapted weights that record gradients: keep them off the graph.
            int[] images = rowImage;
            NoGradient.run(() -> rowDecoder.step(lastTokens, images, logits));
            return;
        }
        NoGradient.run(() -> step(lastTokens, logits, rows));
    }

    private void step(int[] lastTokens, float[] logits, int rows) {
        try (NDManager step = session.newSubManager()) {
            long[] ids = new long[rows];
            for (int i = 0; i < rows; i++) {
                ids[i] = lastTokens[i];
            }
            NDArray tokens = step.create(ids, new Shape(rows, 1)).toDevice(model.device(), false);
            NDArray embeds = t5.embed(tokens);
            if (embeds.getDataType() != model.dtype()) {
                embeds = embeds.toType(model.dtype(), false);
            }
            DecoderOutput out = t5.decoder().forward(embeds, selfCache.layers(), rowCross, rowCrossBias,
                    stepBias(embeds, selfCache.length() + 1));
            selfCache.update(out.keyValues());
            Blip2Generation.copyLogits(t5.logits(out.hidden()), logits, rows, vocabSize());
        }
    }

    /** The step bias table, grown (in the session's manager) to hold at least {@code keys} positions. */
    private NDArray stepBias(NDArray like, int keys) {
        if (stepBias == null || stepBias.getShape().get(3) < keys) {
            int capacity = stepBias == null ? INITIAL_BIAS_CAPACITY : (int) stepBias.getShape().get(3);
            while (capacity < keys) {
                capacity *= 2;
            }
            if (stepBias != null) {
                stepBias.close();
            }
            stepBias = t5.decoder().stepBiasTable(like, capacity);
            stepBias.attach(session);
        }
        return stepBias;
    }

    @Override
    public void selectRows(int[] rows) {
        NoGradient.run(() -> reorder(rows));
    }

    private void reorder(int[] rows) {
        int[] next = Blip2Generation.remap(rows, rowImage);
        if (rowDecoder != null) {
            rowDecoder.selectRows(rows);
            rowImage = next;
            return;
        }
        selfCache.selectRows(rows);
        if (!Arrays.equals(next, rowImage)) {
            NDManager fresh = session.newSubManager();
            if (Arrays.equals(next, identity(batch))) {
                rowCross = imageCross;
                rowCrossBias = imageCrossBias;
            } else {
                long[] idx = Arrays.stream(next).asLongStream().toArray();
                NDArray index = fresh.create(idx).toDevice(model.device(), false);
                KeyValue[] gathered = new KeyValue[imageCross.length];
                for (int i = 0; i < gathered.length; i++) {
                    gathered[i] = new KeyValue(attach(imageCross[i].keys().get(index), fresh),
                            attach(imageCross[i].values().get(index), fresh));
                }
                rowCross = gathered;
                rowCrossBias = imageCrossBias == null ? null : attach(imageCrossBias.get(index), fresh);
            }
            if (rowManager != null) {
                rowManager.close();
            }
            rowManager = fresh;
        }
        rowImage = next;
    }

    private static NDArray attach(NDArray a, NDManager m) {
        a.attach(m);
        return a;
    }

    @Override
    public void close() {
        if (rowDecoder != null) {
            rowDecoder.close();
        }
        selfCache.close();
        session.close();
    }
}
