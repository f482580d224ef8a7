package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.github.blip2j.core.config.T5Config;

/**
 * T5 for conditional generation as Flan-T5 uses it ({@code T5ForConditionalGeneration}): the
 * {@code shared} embedding (tied to both stacks' {@code embed_tokens}), encoder, decoder and an
 * lm_head that is untied in Flan-T5 or tied with a {@code d_model^-0.5} rescale in original T5.
 */
public final class T5LanguageModel implements LanguageModel {

    private final T5Config config;
    private final ModelParameter shared;
    private final T5Encoder encoder;
    private final T5Decoder decoder;
    private final ModelParameter lmHead;

    /** @param scope {@code language_model} */
    public T5LanguageModel(ParameterScope scope, T5Config config, RunMode mode) {
        this.config = config;
        this.shared = scope.child("shared").param("weight", ParameterKind.EMBEDDING, config.vocabSize(), config.dModel());
        scope.child("encoder.embed_tokens").tie("weight", shared);
        scope.child("decoder.embed_tokens").tie("weight", shared);
        this.encoder = new T5Encoder(scope.child("encoder"), config, mode);
        this.decoder = new T5Decoder(scope.child("decoder"), config, mode);
        this.lmHead = config.tieWordEmbeddings()
                ? scope.child("lm_head").tie("weight", shared)
                : scope.child("lm_head").param("weight", ParameterKind.WEIGHT, config.vocabSize(), config.dModel());
    }

    ModelParameter shared() {
        return shared;
    }

    ModelParameter lmHead() {
        return lmHead;
    }

    /** The config. */
    public T5Config config() {
        return config;
    }

    @Override
    public NDArray embed(NDArray ids) {
        return TokenEmbedding.lookup(ids, shared);
    }

    @Override
    public int vocabSize() {
        return config.vocabSize();
    }

    @Override
    public int hiddenSize() {
        return config.dModel();
    }

    /** The encoder stack. */
    public T5Encoder encoder() {
        return encoder;
    }

    /** The decoder stack. */
    public T5Decoder decoder() {
        return decoder;
    }

    /** Decoder hidden states {@code (B, T, D)} to logits {@code (B, T, V)}. */
    public NDArray logits(NDArray hidden) {
        NDArray h = config.tieWordEmbeddings() ? hidden.mul(Scalars.constant(hidden, Math.pow(config.dModel(), -0.5))) : hidden;
        return LinearOps.linear(h, lmHead, null);
    }

    /**
     * Teacher-forced logits.
     *
     * @param inputsEmbeds encoder input {@code (B, S, D)}
     * @param attentionMask {@code (B, S)}
     * @param decoderInputIds {@code (B, T)}
     * @return {@code (B, T, V)}
     */
    public NDArray forward(NDArray inputsEmbeds, NDArray attentionMask, NDArray decoderInputIds) {
        NDArray encoded = encoder.forward(inputsEmbeds, attentionMask);
        NDArray crossBias = MaskBias.padding(attentionMask, inputsEmbeds.getDataType());
        DecoderOutput out = decoder.forward(embed(decoderInputIds), null, decoder.crossKeyValues(encoded), crossBias);
        return logits(out.hidden());
    }

    /**
     * T5's {@code _shift_right}: prepend the decoder start token, drop the last label, and replace
     * {@code -100} by the pad id.
     *
     * @throws IllegalStateException if the config has neither decoder_start_token_id nor pad_token_id
     */
    public NDArray shiftRight(NDArray labels) {
        Integer start = config.decoderStartTokenId();
        Integer pad = config.padTokenId();
        if (start == null) {
            throw new IllegalStateException("text_config.decoder_start_token_id is not set; T5 cannot shift labels");
        }
        if (pad == null) {
            throw new IllegalStateException("text_config.pad_token_id is not set; T5 cannot shift labels");
        }
        long[] l = labels.toType(DataType.INT64, false).toLongArray();
        long b = labels.getShape().get(0);
        int t = (int) labels.getShape().get(1);
        long[] shifted = new long[l.length];
        for (int r = 0; r < b; r++) {
            shifted[r * t] = start;
            for (int j = 1; j < t; j++) {
                long v = l[r * t + j - 1];
                shifted[r * t + j] = v == CrossEntropy.IGNORE_INDEX ? pad : v;
            }
        }
        return labels.getManager().create(shifted).reshape(b, t).toDevice(labels.getDevice(), false);
    }
}
