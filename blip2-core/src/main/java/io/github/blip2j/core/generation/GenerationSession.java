package io.github.blip2j.core.generation;

import io.github.blip2j.decoding.NextTokenModel;

/**
 * A language model primed with a batch of images (and prompts), ready to be driven token by token by
 * any strategy of blip2-decoding. It owns the encoder output, the KV cache and the masks, on the
 * model's device, and frees them on {@link #close()}. Not thread-safe: one session per generate call.
 */
public interface GenerationSession extends NextTokenModel, AutoCloseable {

    /**
     * The token that starts every returned row, as Hugging Face v4.36.2 puts it in {@code sequences}:
     * T5's {@code decoder_start_token_id} (bos if absent); OPT's {@code bos_token_id}, a placeholder
     * that is never fed to the model. Pass it as {@code lastTokens} of the first
     * {@link #nextLogits} call.
     */
    int leadingTokenId();

    /** Number of images the session was opened with. */
    int batchSize();

    /** Number of live rows (changes with {@link #selectRows}). */
    int rows();

    /** Frees the session's native memory. */
    @Override
    void close();
}
