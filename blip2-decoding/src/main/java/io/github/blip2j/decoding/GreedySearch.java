package io.github.blip2j.decoding;

import java.util.Objects;

/**
 * Greedy search (HF {@code greedy_search}): at each step, the argmax of the processed logits (first
 * index on ties). A row stops at eos; the batch stops when every row has stopped or at the length
 * limit. Processors, in HF's order: {@code repetition_penalty}, {@code no_repeat_ngram_size},
 * {@code bad_words_ids}, {@code min_length}, {@code min_new_tokens}, {@code forced_eos_token_id},
 * {@code suppress_tokens}. {@code num_return_sequences} must be 1.
 */
public final class GreedySearch implements DecodingStrategy {

    private final GenerationConfig config;

    GreedySearch(GenerationConfig base) {
        this.config = base.toBuilder().doSample(false).numBeams(1).numBeamGroups(1).build();
    }

    /** Greedy search with the stopping rules, token ids and processors of {@code config}. */
    public static GreedySearch of(GenerationConfig config) {
        return new GreedySearch(Objects.requireNonNull(config, "config"));
    }

    /** A builder; greedy search has no knobs of its own beyond the shared config. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public GenerationConfig config() {
        return config;
    }

    @Override
    public GenerationResult generate(NextTokenModel model, int[] leadingTokens, long[] itemSeeds,
            TokenListener listener) {
        return new TokenSearch(config, false).run(model, leadingTokens, null, listener);
    }

    /** Builder for {@link GreedySearch}. */
    public static final class Builder {
        private GenerationConfig config = GenerationConfig.defaults();

        private Builder() {}

        /** Stopping rules, special tokens and processors (default: HF defaults). */
        public Builder config(GenerationConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Validates and builds. */
        public GreedySearch build() {
            return new GreedySearch(config);
        }
    }
}
