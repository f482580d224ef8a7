package io.github.blip2j.core.caption;

import io.github.blip2j.core.config.TextConfig;
import io.github.blip2j.decoding.BeamSearch;
import io.github.blip2j.decoding.DecodingStrategy;
import io.github.blip2j.decoding.EarlyStopping;
import io.github.blip2j.decoding.GenerationConfig;
import io.github.blip2j.decoding.GreedySearch;
import io.github.blip2j.decoding.GroupBeamSearch;
import io.github.blip2j.decoding.Sampling;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The decoding settings a {@code Captioner.Builder} collects: a base ({@link GenerationConfig} or a
 * {@link DecodingStrategy}) and individually set knobs that override it. Each setter validates its
 * value at once; {@link #validate()} checks the combination before any model is loaded, and
 * {@link #resolve(TextConfig)} fills the special-token ids from the language model's config the way
 * Hugging Face v4.36.2's {@code Blip2ForConditionalGeneration.generate} does (it uses the language
 * model's generation config, built from {@code text_config}: bos, eos, pad, decoder start).
 *
 * <p>Sampling is switched on by {@code topK}, {@code topP} or {@code temperature} (as in
 * {@code Captioner.builder().topP(0.9)}), unless {@code doSample} is set explicitly. Internal to
 * blip2-core's captioner.
 */
public final class DecodingKnobs {

    private GenerationConfig base = GenerationConfig.defaults();
    private DecodingStrategy custom;
    private Integer numBeams;
    private Integer topK;
    private Double topP;
    private Double temperature;
    private Double repetitionPenalty;
    private Integer noRepeatNgramSize;
    private Double lengthPenalty;
    private Integer minNewTokens;
    private Integer maxNewTokens;
    private Integer numReturnSequences;
    private Long seed;
    private EarlyStopping earlyStopping;
    private Boolean doSample;

    /** Starts from {@code config}; knobs set individually still override it. */
    public void base(GenerationConfig config) {
        this.base = Objects.requireNonNull(config, "decoding");
        this.custom = null;
    }

    /**
     * Starts from a strategy. blip2-decoding's own strategies contribute their config (and keep their
     * algorithm); any other implementation is used as is, and then no knob may be set.
     */
    public void base(DecodingStrategy strategy) {
        Objects.requireNonNull(strategy, "decoding");
        if (isBuiltIn(strategy)) {
            this.base = strategy.config();
            this.custom = null;
        } else {
            this.base = strategy.config() != null ? strategy.config() : GenerationConfig.defaults();
            this.custom = strategy;
        }
    }

    private static boolean isBuiltIn(DecodingStrategy s) {
        return s instanceof GreedySearch || s instanceof BeamSearch || s instanceof Sampling
                || s instanceof GroupBeamSearch;
    }

    public void numBeams(int v) {
        check(v >= 1, "numBeams", v, ">= 1");
        numBeams = v;
    }

    public void topK(int v) {
        check(v >= 0, "topK", v, ">= 0 (0 disables it)");
        topK = v;
    }

    public void topP(double v) {
        check(v > 0 && v <= 1, "topP", v, "in (0, 1]");
        topP = v;
    }

    public void temperature(double v) {
        check(Double.isFinite(v) && v > 0, "temperature", v, "a finite value > 0");
        temperature = v;
    }

    public void repetitionPenalty(double v) {
        check(Double.isFinite(v) && v > 0, "repetitionPenalty", v, "a finite value > 0 (1 disables it)");
        repetitionPenalty = v;
    }

    public void noRepeatNgramSize(int v) {
        check(v >= 0, "noRepeatNgramSize", v, ">= 0 (0 disables it)");
        noRepeatNgramSize = v;
    }

    public void lengthPenalty(double v) {
        check(Double.isFinite(v), "lengthPenalty", v, "a finite value");
        lengthPenalty = v;
    }

    public void minNewTokens(int v) {
        check(v >= 0, "minNewTokens", v, ">= 0");
        minNewTokens = v;
    }

    public void maxNewTokens(int v) {
        check(v >= 1, "maxNewTokens", v, ">= 1");
        maxNewTokens = v;
    }

    public void numReturnSequences(int v) {
        check(v >= 1, "numReturnSequences", v, ">= 1 (and <= numBeams for beam search)");
        numReturnSequences = v;
    }

    public void seed(long v) {
        seed = v;
    }

    public void earlyStopping(EarlyStopping v) {
        earlyStopping = Objects.requireNonNull(v, "earlyStopping");
    }

    public void doSample(boolean v) {
        doSample = v;
    }

    /** The seed set through {@link #seed(long)} or the base config, if any. */
    public Long seed() {
        if (seed != null) {
            return seed;
        }
        return base.seed().isPresent() ? base.seed().getAsLong() : null;
    }

    /**
     * Checks the combination without token ids (so before a model is loaded).
     *
     * @throws IllegalArgumentException naming the knobs, their values and what is allowed
     */
    public void validate() {
        strategyFor(apply(base.toBuilder()).build());
    }

    /**
     * The strategy to run, with bos / eos / pad / decoder-start ids taken from {@code text} wherever
     * the base config leaves them unset.
     */
    public DecodingStrategy resolve(TextConfig text) {
        GenerationConfig.Builder b = base.toBuilder();
        if (base.eosTokenIds().length == 0 && text.eosTokenId() != null) {
            b.eosTokenIds(text.eosTokenId());
        }
        if (base.padTokenId().isEmpty() && text.padTokenId() != null) {
            b.padTokenId(text.padTokenId());
        }
        if (base.bosTokenId().isEmpty() && text.bosTokenId() != null) {
            b.bosTokenId(text.bosTokenId());
        }
        if (base.decoderStartTokenId().isEmpty() && text.decoderStartTokenId() != null) {
            b.decoderStartTokenId(text.decoderStartTokenId());
        }
        GenerationConfig config = apply(b).build();
        for (int id : config.eosTokenIds()) {
            check(id < text.vocabSize(), "eos_token_id", id, "< vocab_size = " + text.vocabSize());
        }
        return strategyFor(config);
    }

    private GenerationConfig.Builder apply(GenerationConfig.Builder b) {
        List<String> set = new ArrayList<>();
        if (numBeams != null) {
            b.numBeams(numBeams);
            set.add("numBeams");
        }
        if (topK != null) {
            b.topK(topK);
            set.add("topK");
        }
        if (topP != null) {
            b.topP(topP);
            set.add("topP");
        }
        if (temperature != null) {
            b.temperature(temperature);
            set.add("temperature");
        }
        if (repetitionPenalty != null) {
            b.repetitionPenalty(repetitionPenalty);
            set.add("repetitionPenalty");
        }
        if (noRepeatNgramSize != null) {
            b.noRepeatNgramSize(noRepeatNgramSize);
            set.add("noRepeatNgramSize");
        }
        if (lengthPenalty != null) {
            b.lengthPenalty(lengthPenalty);
            set.add("lengthPenalty");
        }
        if (minNewTokens != null) {
            b.minNewTokens(minNewTokens);
            set.add("minNewTokens");
        }
        if (maxNewTokens != null) {
            b.maxNewTokens(maxNewTokens);
            set.add("maxNewTokens");
        }
        if (numReturnSequences != null) {
            b.numReturnSequences(numReturnSequences);
            set.add("numReturnSequences");
        }
        if (seed != null) {
            b.seed(seed);
            set.add("seed");
        }
        if (earlyStopping != null) {
            b.earlyStopping(earlyStopping);
            set.add("earlyStopping");
        }
        if (doSample != null) {
            b.doSample(doSample);
            set.add("doSample");
        } else if (topK != null || topP != null || temperature != null) {
            b.doSample(true);
        }
        if (custom != null && !set.isEmpty()) {
            throw new IllegalArgumentException("decoding = " + custom.getClass().getName() + " is a custom strategy,"
                    + " so the knobs " + set + " cannot be applied to it; set them on the strategy instead");
        }
        return b;
    }

    private DecodingStrategy strategyFor(GenerationConfig config) {
        int min = config.minNewTokens().orElse(0);
        check(min <= config.resolvedMaxNewTokens(), "minNewTokens", min,
                "<= maxNewTokens = " + config.resolvedMaxNewTokens());
        if (custom != null) {
            return custom;
        }
        switch (config.mode()) {
            case GREEDY:
                return GreedySearch.of(config);
            case SAMPLE:
                return Sampling.of(config);
            case BEAM_SEARCH:
                return BeamSearch.of(config);
            case GROUP_BEAM_SEARCH:
                return GroupBeamSearch.of(config);
            default:
                throw new IllegalArgumentException("numBeams = " + config.numBeams() + " together with sampling"
                        + " (doSample, or topK / topP / temperature, which imply it) is beam-sample, which is not"
                        + " supported: use numBeams = 1 to sample, or drop the sampling knobs for beam search");
        }
    }

    private static void check(boolean ok, String field, Object value, String range) {
        if (!ok) {
            throw new IllegalArgumentException(field + " = " + value + ": must be " + range);
        }
    }
}
