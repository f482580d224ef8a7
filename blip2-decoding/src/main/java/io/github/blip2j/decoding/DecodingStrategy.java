package io.github.blip2j.decoding;

/**
 * A decoding algorithm bound to its {@link GenerationConfig}. Instances are immutable and may be
 * shared across threads; each {@code generate} call allocates its own buffers once (sized batch x
 * beams x vocabulary) and nothing per token.
 */
public interface DecodingStrategy {

    /** The full configuration this strategy runs with. */
    GenerationConfig config();

    /**
     * Generates for a batch whose rows the model already holds, one per batch item.
     *
     * <p>Before the first step the model holds {@code leadingTokens.length} rows; the strategy calls
     * {@link NextTokenModel#nextLogits} with those leading tokens, then {@link NextTokenModel#selectRows}
     * to expand rows for beams or several returned sequences, to reorder them, and to drop finished
     * ones (when {@link GenerationConfig#compactFinishedRows()}).
     *
     * @param model the model, holding one row per batch item
     * @param leadingTokens the first decoder token of each batch item (decoder start / bos)
     * @param itemSeeds per-item sampling seeds, or null to derive them from the config's seed and the
     *     item index; ignored by deterministic strategies
     * @param listener streaming callback, or null
     * @throws IllegalArgumentException when a token id in the config or the leading tokens does not
     *     fit the model's vocabulary
     */
    GenerationResult generate(NextTokenModel model, int[] leadingTokens, long[] itemSeeds, TokenListener listener);

    /** {@link #generate(NextTokenModel, int[], long[], TokenListener)} with seeds from the config. */
    default GenerationResult generate(NextTokenModel model, int[] leadingTokens, TokenListener listener) {
        return generate(model, leadingTokens, null, listener);
    }

    /** {@link #generate(NextTokenModel, int[], long[], TokenListener)} without listener. */
    default GenerationResult generate(NextTokenModel model, int[] leadingTokens) {
        return generate(model, leadingTokens, null, null);
    }

    /** Generates for {@code batchSize} items that all start with {@code leadingToken}. */
    default GenerationResult generate(NextTokenModel model, int batchSize, int leadingToken) {
        int[] lead = new int[batchSize];
        java.util.Arrays.fill(lead, leadingToken);
        return generate(model, lead, null, null);
    }
}
