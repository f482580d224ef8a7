package io.github.blip2j.decoding;

import java.util.Objects;

/**
 * Beam search with the exact bookkeeping of transformers v4.36.2 ({@code beam_search} +
 * {@code BeamSearchScorer}): log-softmax, processors, running beam scores, the best
 * {@code 2 * num_beams} candidates per item, eos candidates among the first {@code num_beams} become
 * finished hypotheses scored {@code sum_logprobs / new_tokens ** length_penalty} (eos counted), and
 * {@code early_stopping} decides when an item is done. Returns the best
 * {@code num_return_sequences} hypotheses per item, best first, each with HF's
 * {@code sequences_scores}.
 */
public final class BeamSearch implements DecodingStrategy {

    private final GenerationConfig config;

    BeamSearch(GenerationConfig base) {
        this.config = base.toBuilder().doSample(false).numBeamGroups(1).build();
    }

    /** Beam search with the knobs of {@code config} ({@code num_beams}, {@code length_penalty}, ...). */
    public static BeamSearch of(GenerationConfig config) {
        return new BeamSearch(Objects.requireNonNull(config, "config"));
    }

    /** A builder starting from HF's defaults. */
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
        return new BeamEngine(config).run(model, leadingTokens, listener);
    }

    /** Builder for {@link BeamSearch}; unset knobs keep the base config's values. */
    public static final class Builder {
        private GenerationConfig config = GenerationConfig.defaults();
        private Integer numBeams;
        private Double lengthPenalty;
        private EarlyStopping earlyStopping;
        private Integer numReturnSequences;

        private Builder() {}

        /** Stopping rules, special tokens, processors and default knob values. */
        public Builder config(GenerationConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** HF {@code num_beams}, {@code >= 1}. */
        public Builder numBeams(int v) {
            numBeams = v;
            return this;
        }

        /** HF {@code length_penalty}, finite: the exponent of the length that divides the score. */
        public Builder lengthPenalty(double v) {
            lengthPenalty = v;
            return this;
        }

        /** HF {@code early_stopping}: {@code TRUE}, {@code FALSE} or {@code NEVER}. */
        public Builder earlyStopping(EarlyStopping v) {
            earlyStopping = Objects.requireNonNull(v, "earlyStopping");
            return this;
        }

        /** HF {@code num_return_sequences}, in [1, num_beams]. */
        public Builder numReturnSequences(int v) {
            numReturnSequences = v;
            return this;
        }

        /** Validates and builds; errors name the field, its value and the allowed range. */
        public BeamSearch build() {
            GenerationConfig.Builder b = config.toBuilder();
            if (numBeams != null) {
                b.numBeams(numBeams);
            }
            if (lengthPenalty != null) {
                b.lengthPenalty(lengthPenalty);
            }
            if (earlyStopping != null) {
                b.earlyStopping(earlyStopping);
            }
            if (numReturnSequences != null) {
                b.numReturnSequences(numReturnSequences);
            }
            return new BeamSearch(b.doSample(false).numBeamGroups(1).build());
        }
    }
}
