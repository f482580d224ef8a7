package io.github.blip2j.decoding;

import java.util.Objects;

/**
 * Multinomial sampling (HF {@code sample}): processed logits, then the warpers in HF's order
 * ({@code temperature}, {@code top_k}, {@code top_p}, {@code min_p}, {@code typical_p}), then one draw
 * from the softmax. Defaults follow HF: {@code top_k} is 50 unless set to 0.
 *
 * <p>Reproducible: every row ({@code item * num_return_sequences + s}) has its own generator seeded
 * from the config's {@code seed}, the item index and {@code s}, and draws exactly one number per
 * step. An item's captions therefore depend only on its own logits, the seed and its index, not on
 * what else is in the batch or on row compaction. To make them independent of the batch position
 * too, pass explicit per-item seeds (e.g. derived from an image id) to
 * {@link #generate(NextTokenModel, int[], long[], TokenListener)}. Without a seed, each call draws a
 * fresh one.
 */
public final class Sampling implements DecodingStrategy {

    private final GenerationConfig config;

    Sampling(GenerationConfig base) {
        this.config = base.toBuilder().doSample(true).numBeams(1).numBeamGroups(1).build();
    }

    /** Sampling with the knobs of {@code config} (its {@code do_sample} flag is implied). */
    public static Sampling of(GenerationConfig config) {
        return new Sampling(Objects.requireNonNull(config, "config"));
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
        return new TokenSearch(config, true).run(model, leadingTokens, itemSeeds, listener);
    }

    /** Builder for {@link Sampling}; unset knobs keep the base config's values. */
    public static final class Builder {
        private GenerationConfig config = GenerationConfig.defaults();
        private Double temperature;
        private Integer topK;
        private Double topP;
        private Double typicalP;
        private Double minP;
        private boolean minPSet;
        private Long seed;
        private boolean seedSet;
        private Integer numReturnSequences;

        private Builder() {}

        /** Stopping rules, special tokens, processors and default knob values. */
        public Builder config(GenerationConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** HF {@code temperature}, finite, {@code > 0}. */
        public Builder temperature(double v) {
            temperature = v;
            return this;
        }

        /** HF {@code top_k}, {@code >= 0}; 0 disables it. */
        public Builder topK(int v) {
            topK = v;
            return this;
        }

        /** HF {@code top_p}, in (0, 1]. */
        public Builder topP(double v) {
            topP = v;
            return this;
        }

        /** HF {@code typical_p}, in (0, 1]. */
        public Builder typicalP(double v) {
            typicalP = v;
            return this;
        }

        /** HF {@code min_p}, in [0, 1]; null disables it. */
        public Builder minP(Double v) {
            minP = v;
            minPSet = true;
            return this;
        }

        /** Base seed; null for a fresh seed per call. */
        public Builder seed(Long v) {
            seed = v;
            seedSet = true;
            return this;
        }

        /** HF {@code num_return_sequences}: independent samples per item, {@code >= 1}. */
        public Builder numReturnSequences(int v) {
            numReturnSequences = v;
            return this;
        }

        /** Validates and builds; errors name the field, its value and the allowed range. */
        public Sampling build() {
            GenerationConfig.Builder b = config.toBuilder();
            if (temperature != null) {
                b.temperature(temperature);
            }
            if (topK != null) {
                b.topK(topK);
            }
            if (topP != null) {
                b.topP(topP);
            }
            if (typicalP != null) {
                b.typicalP(typicalP);
            }
            if (minPSet) {
                b.minP(minP);
            }
            if (seedSet) {
                b.seed(seed);
            }
            if (numReturnSequences != null) {
                b.numReturnSequences(numReturnSequences);
            }
            return new Sampling(b.doSample(true).numBeams(1).numBeamGroups(1).build());
        }
    }
}
