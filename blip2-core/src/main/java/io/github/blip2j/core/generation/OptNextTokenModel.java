package io.github.blip2j.core.generation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.blip2j.core.model.Blip2Model;
import io.github.blip2j.core.model.DecoderOutput;
import io.github.blip2j.core.model.KvCache;
import io.github.blip2j.core.model.NoGradient;
import io.github.blip2j.core.model.OptLanguageModel;
import io.github.blip2j.core.model.OptRowDecoder;

/**
 * OPT generation with Hugging Face v4.36.2 semantics: the first step consumes
 * {@code [queries ; left-padded prompt]} as embeddings (the leading placeholder bos that
 * {@code generate()} puts in the output is not fed), and every later step feeds the previous token
 * with the attention mask extended by one; positions follow the mask ({@code cumsum - 1 + 2}).
 * Float32 models on the CPU take the later steps through {@link OptRowDecoder} (products in libtorch,
 * the rest on the JVM); other dtypes, devices and training mode through {@link OptLanguageModel#forward}.
 */
final class OptNextTokenModel implements GenerationSession {

    private final Blip2Model model;
    private final OptLanguageModel opt;
    private final NDManager session;
    private final KvCache cache;
    private final int batch;
    private final int leading;
    private NDManager pendingManager;
    private NDArray pending;
    private int[][] mask;
    /** The JVM-side stepper once the prefix has run, or null while it has not or when libtorch steps. */
    private OptRowDecoder rowDecoder;

    OptNextTokenModel(Blip2Model model, OptLanguageModel opt, NDArray languageInputs, PromptBatch prompts) {
        this.model = model;
        this.opt = opt;
        this.batch = prompts.size();
        Integer bos = opt.config().bosTokenId();
        if (bos == null) {
            throw new IllegalStateException("text_config.bos_token_id is not set; OPT generation needs it");
        }
        this.leading = bos;
        this.session = model.manager().newSubManager();
        this.pendingManager = session.newSubManager();
        try (NDManager prep = session.newSubManager()) {
            languageInputs.tempAttach(prep);
            int q = (int) languageInputs.getShape().get(1);
            NDArray ids = prep.create(prompts.inputIds()).toDevice(model.device(), false);
            pending = NDArrays.concat(new NDList(languageInputs, opt.embed(ids).toType(model.dtype(), false)), 1);
            pending.attach(pendingManager);
            mask = new int[batch][q + prompts.length()];
            for (int b = 0; b < batch; b++) {
                java.util.Arrays.fill(mask[b], 0, q, 1);
                System.arraycopy(prompts.attentionMask()[b], 0, mask[b], q, prompts.length());
            }
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        this.cache = new KvCache(session);
    }

    @Override
    public int vocabSize() {
        return opt.vocabSize();
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
        return mask.length;
    }

    @Override
    public void nextLogits(int[] lastTokens, float[] logits) {
        int rows = mask.length;
        if (lastTokens.length != rows) {
            throw new IllegalArgumentException("lastTokens: " + lastTokens.length + " tokens for " + rows + " live rows");
        }
        NoGradient.run(() -> step(lastTokens, logits, rows));
    }

    private void step(int[] lastTokens, float[] logits, int rows) {
        if (rowDecoder != null) {
            mask = appendOne(mask);
            rowDecoder.step(lastTokens, mask, logits);
            return;
        }
        try (NDManager step = session.newSubManager()) {
            DecoderOutput out;
            if (pending != null) {
                pending.tempAttach(step);
                out = opt.forward(pending, mask, null);
            } else {
                mask = appendOne(mask);
                long[] ids = new long[rows];
                for (int i = 0; i < rows; i++) {
                    ids[i] = lastTokens[i];
                }
                NDArray tokens = step.create(ids).reshape(rows, 1).toDevice(model.device(), false);
                out = opt.forward(opt.embed(tokens).toType(model.dtype(), false), mask, cache.layers());
            }
            cache.update(out.keyValues());
            if (pending != null && OptRowDecoder.supports(model.dtype(), model.device(), model.isTraining())) {
                rowDecoder = new OptRowDecoder(opt, cache.layers(), session);
            }
            NDArray last = out.hidden().get(":, -1:, :");
            Blip2Generation.copyLogits(opt.logits(last), logits, rows, vocabSize());
        }
        if (pending != null) {
            pendingManager.close();
            pendingManager = null;
            pending = null;
        }
    }

    private static int[][] appendOne(int[][] m) {
        int[][] out = new int[m.length][];
        for (int r = 0; r < m.length; r++) {
            out[r] = java.util.Arrays.copyOf(m[r], m[r].length + 1);
            out[r][m[r].length] = 1;
        }
        return out;
    }

    @Override
    public void selectRows(int[] rows) {
        NoGradient.run(() -> reorder(rows));
    }

    private void reorder(int[] rows) {
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] < 0 || rows[r] >= mask.length) {
                throw new IndexOutOfBoundsException("selectRows: row " + rows[r] + " at position " + r
                        + " is outside 0.." + (mask.length - 1));
            }
        }
        int[][] next = new int[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            next[r] = mask[rows[r]].clone();
        }
        if (rowDecoder != null) {
            rowDecoder.selectRows(rows);
        } else if (pending != null) {
            NDManager fresh = session.newSubManager();
            NDArray index = fresh.create(java.util.Arrays.stream(rows).asLongStream().toArray())
                    .toDevice(model.device(), false);
            NDArray gathered = pending.get(index);
            gathered.attach(fresh);
            pendingManager.close();
            pendingManager = fresh;
            pending = gathered;
        } else {
            cache.selectRows(rows);
        }
        mask = next;
    }

    @Override
    public void close() {
        if (rowDecoder != null) {
            rowDecoder.close();
        }
        cache.close();
        if (pendingManager != null) {
            pendingManager.close();
        }
        session.close();
    }
}
