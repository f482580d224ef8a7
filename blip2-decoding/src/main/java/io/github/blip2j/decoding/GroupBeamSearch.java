package io.github.blip2j.decoding;

import java.util.Objects;

/**
 * Diverse beam search (Vijayakumar et al. 2016; HF {@code group_beam_search}): {@code num_beams} are
 * split into {@code num_beam_groups} groups of equal size, each a beam search of its own; within a
 * step, groups run in order and every token chosen by an earlier group of the same item costs
 * {@code diversity_penalty} (times its count) in the log-probs of later groups, as HF's
 * {@code HammingDiversityLogitsProcessor}. Finished hypotheses of all groups are pooled and the best
 * {@code num_return_sequences} returned, with HF's {@code sequences_scores}.
 */
public final class GroupBeamSearch implements DecodingStrategy {

    private final GenerationConfig config;

    GroupBeamSearch(GenerationConfig base) {
        this.config = base.toBuilder().doSample(false).build();
    }

    /** Group beam search with the knobs of {@code config}. */
    public static GroupBeamSearch of(GenerationConfig config) {
        return new GroupBeamSearch(Objects.requireNonNull(config, "config"));
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

    /** Builder for {@link GroupBeamSearch}; unset knobs keep the base config's values. */
    public static final class Builder {
        private GenerationConfig config = GenerationConfig.defaults();
        private Integer numBeams;
        private Integer numBeamGroups;
        private Double diversityPenalty;
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

        /** HF {@code num_beam_groups}, a divisor of num_beams. */
        public Builder numBeamGroups(int v) {
            numBeamGroups = v;
            return this;
        }

        /** HF {@code diversity_penalty}, {@code >= 0}. */
        public Builder diversityPenalty(double v) {
            diversityPenalty = v;
            return this;
        }

        /** HF {@code length_penalty}, finite. */
        public Builder lengthPenalty(double v) {
            lengthPenalty = v;
            return this;
        }

        /** HF {@code early_stopping}. */
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
        public GroupBeamSearch build() {
            GenerationConfig.Builder b = config.toBuilder();
            if (numBeams != null) {
                b.numBeams(numBeams);
            }
            if (numBeamGroups != null) {
                b.numBeamGroups(numBeamGroups);
            }
            if (diversityPenalty != null) {
                b.diversityPenalty(diversityPenalty);
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
            return new GroupBeamSearch(b.doSample(false).build());
        }
    }
}
