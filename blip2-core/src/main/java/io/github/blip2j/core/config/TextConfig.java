package io.github.blip2j.core.config;

/** The language model half of BLIP-2: Flan-T5 ({@link T5Config}) or OPT ({@link OptConfig}). */
public sealed interface TextConfig permits T5Config, OptConfig {

    /** Hugging Face {@code model_type}: {@code "t5"} or {@code "opt"}. */
    String modelType();

    /** Width of the token embeddings, which the language projection targets. */
    int hiddenSize();

    /** Rows of the embedding table and width of the logits. */
    int vocabSize();

    /** {@code bos_token_id}, or {@code null} when the config has none. */
    Integer bosTokenId();

    /** {@code eos_token_id}, or {@code null}. */
    Integer eosTokenId();

    /** {@code pad_token_id}, or {@code null}. */
    Integer padTokenId();

    /** {@code decoder_start_token_id}, or {@code null}. */
    Integer decoderStartTokenId();

    /** Whether the lm_head shares the input embedding (and, for T5, the output is rescaled). */
    boolean tieWordEmbeddings();

    /** True for T5 (encoder-decoder), false for OPT (decoder-only). */
    boolean isEncoderDecoder();
}
