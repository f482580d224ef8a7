package io.github.blip2j.decoding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Every decoding knob, with Hugging Face {@code GenerationConfig} names and defaults, as one
 * immutable value shared by the runtime, the CLI and the strategies.
 *
 * <p>Lengths follow HF for an encoder-decoder: the decoder sequence starts with one leading token
 * (decoder start / bos), {@code max_length} and {@code min_length} count it, {@code max_new_tokens}
 * and {@code min_new_tokens} do not, and {@code max_new_tokens} wins over {@code max_length} when
 * both are set. {@link #mode()} picks the algorithm exactly as {@code generate()} does and
 * {@link #strategy()} builds it.
 *
 * <p>Two knobs are not HF's: {@code seed} (sampling is seeded per batch item, see {@link Sampling})
 * and {@code compact_finished_rows} (drop finished rows from the model's batch, see
 * {@link NextTokenModel#selectRows}).
 */
public final class GenerationConfig {

    /** HF's {@code max_length} default. */
    public static final int DEFAULT_MAX_LENGTH = 20;

    private static final GenerationConfig DEFAULTS = builder().build();

    private final Integer maxNewTokens;
    private final int maxLength;
    private final Integer minNewTokens;
    private final int minLength;
    private final boolean doSample;
    private final int numBeams;
    private final int numBeamGroups;
    private final double diversityPenalty;
    private final double lengthPenalty;
    private final EarlyStopping earlyStopping;
    private final int numReturnSequences;
    private final double temperature;
    private final int topK;
    private final double topP;
    private final double typicalP;
    private final Double minP;
    private final double repetitionPenalty;
    private final int noRepeatNgramSize;
    private final List<int[]> badWordsIds;
    private final int[] suppressTokens;
    private final int[] eosTokenIds;
    private final Integer padTokenId;
    private final Integer bosTokenId;
    private final Integer decoderStartTokenId;
    private final int[] forcedEosTokenIds;
    private final Long seed;
    private final boolean outputScores;
    private final boolean compactFinishedRows;

    private GenerationConfig(Builder b) {
        this.maxNewTokens = b.maxNewTokens;
        this.maxLength = b.maxLength;
        this.minNewTokens = b.minNewTokens;
        this.minLength = b.minLength;
        this.doSample = b.doSample;
        this.numBeams = b.numBeams;
        this.numBeamGroups = b.numBeamGroups;
        this.diversityPenalty = b.diversityPenalty;
        this.lengthPenalty = b.lengthPenalty;
        this.earlyStopping = b.earlyStopping;
        this.numReturnSequences = b.numReturnSequences;
        this.temperature = b.temperature;
        this.topK = b.topK;
        this.topP = b.topP;
        this.typicalP = b.typicalP;
        this.minP = b.minP;
        this.repetitionPenalty = b.repetitionPenalty;
        this.noRepeatNgramSize = b.noRepeatNgramSize;
        List<int[]> words = new ArrayList<>();
        for (int[] w : b.badWordsIds) {
            words.add(w.clone());
        }
        this.badWordsIds = Collections.unmodifiableList(words);
        this.suppressTokens = b.suppressTokens.clone();
        this.eosTokenIds = b.eosTokenIds.clone();
        this.padTokenId = b.padTokenId;
        this.bosTokenId = b.bosTokenId;
        this.decoderStartTokenId = b.decoderStartTokenId;
        this.forcedEosTokenIds = b.forcedEosTokenIds.clone();
        this.seed = b.seed;
        this.outputScores = b.outputScores;
        this.compactFinishedRows = b.compactFinishedRows;
    }

    /** A builder holding HF's defaults (greedy, {@code max_length} 20). */
    public static Builder builder() {
        return new Builder();
    }

    /** HF's defaults: greedy search, {@code max_length} 20, no special tokens. */
    public static GenerationConfig defaults() {
        return DEFAULTS;
    }

    /** A builder initialised with this config's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Reads a {@code generation_config.json}. Unknown keys (e.g. {@code transformers_version}) are
     * ignored, missing keys and JSON {@code null} take HF's defaults.
     *
     * @throws IllegalArgumentException naming the file and key when a value has the wrong type or is
     *     out of range
     * @throws UncheckedIOException when the file cannot be read
     */
    public static GenerationConfig fromJson(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read generation config " + file, e);
        }
        return GenerationConfigJson.parse(text, file.toString());
    }

    /** Parses the text of a {@code generation_config.json}; see {@link #fromJson(Path)}. */
    public static GenerationConfig fromJson(String json) {
        return GenerationConfigJson.parse(json, "<json string>");
    }

    /** This config as {@code generation_config.json} text, HF key names, values that differ from the defaults. */
    public String toJson() {
        return GenerationConfigJson.write(this);
    }

    /** The algorithm HF's {@code generate()} would run for this config. */
    public GenerationMode mode() {
        if (numBeams == 1) {
            return doSample ? GenerationMode.SAMPLE : GenerationMode.GREEDY;
        }
        if (numBeamGroups > 1) {
            return GenerationMode.GROUP_BEAM_SEARCH;
        }
        return doSample ? GenerationMode.BEAM_SAMPLE : GenerationMode.BEAM_SEARCH;
    }

    /**
     * Builds the strategy {@link #mode()} names, configured by this config.
     *
     * @throws IllegalArgumentException for {@link GenerationMode#BEAM_SAMPLE}, which is not implemented
     */
    public DecodingStrategy strategy() {
        return switch (mode()) {
            case GREEDY -> new GreedySearch(this);
            case SAMPLE -> new Sampling(this);
            case BEAM_SEARCH -> new BeamSearch(this);
            case GROUP_BEAM_SEARCH -> new GroupBeamSearch(this);
            case BEAM_SAMPLE -> throw new IllegalArgumentException("do_sample (doSample) = true with num_beams = "
                    + numBeams + " (HF beam-sample) is not supported: set num_beams = 1 to sample or"
                    + " do_sample = false for beam search");
        };
    }

    /** New tokens to generate at most: {@code max_new_tokens} if set, else {@code max_length - 1}. */
    public int resolvedMaxNewTokens() {
        return maxNewTokens != null ? maxNewTokens : maxLength - 1;
    }

    /** Longest decoder sequence, leading token included: {@code 1 + resolvedMaxNewTokens()}. */
    public int resolvedMaxLength() {
        return 1 + resolvedMaxNewTokens();
    }

    /** Pad id written after eos: {@code pad_token_id}, else the first eos id (as HF), else 0. */
    public int resolvedPadTokenId() {
        if (padTokenId != null) {
            return padTokenId;
        }
        return eosTokenIds.length > 0 ? eosTokenIds[0] : 0;
    }

    /**
     * The token a decoder sequence starts with when the caller gives none: HF uses
     * {@code decoder_start_token_id}, falling back to {@code bos_token_id}.
     */
    public OptionalInt leadingTokenId() {
        if (decoderStartTokenId != null) {
            return OptionalInt.of(decoderStartTokenId);
        }
        return bosTokenId != null ? OptionalInt.of(bosTokenId) : OptionalInt.empty();
    }

    /** Whether {@code token} is one of the eos ids. */
    public boolean isEos(int token) {
        for (int e : eosTokenIds) {
            if (e == token) {
                return true;
            }
        }
        return false;
    }

    /** HF {@code max_new_tokens}; empty when unset. */
    public OptionalInt maxNewTokens() {
        return maxNewTokens == null ? OptionalInt.empty() : OptionalInt.of(maxNewTokens);
    }

    /** HF {@code max_length} (leading token included), default 20. */
    public int maxLength() {
        return maxLength;
    }

    /** HF {@code min_new_tokens}; empty when unset. */
    public OptionalInt minNewTokens() {
        return minNewTokens == null ? OptionalInt.empty() : OptionalInt.of(minNewTokens);
    }

    /** HF {@code min_length} (leading token included), default 0. */
    public int minLength() {
        return minLength;
    }

    /** HF {@code do_sample}, default false. */
    public boolean doSample() {
        return doSample;
    }

    /** HF {@code num_beams}, default 1. */
    public int numBeams() {
        return numBeams;
    }

    /** HF {@code num_beam_groups}, default 1. */
    public int numBeamGroups() {
        return numBeamGroups;
    }

    /** HF {@code diversity_penalty}, default 0. */
    public double diversityPenalty() {
        return diversityPenalty;
    }

    /** HF {@code length_penalty}, default 1. */
    public double lengthPenalty() {
        return lengthPenalty;
    }

    /** HF {@code early_stopping}, default {@link EarlyStopping#FALSE}. */
    public EarlyStopping earlyStopping() {
        return earlyStopping;
    }

    /** HF {@code num_return_sequences}, default 1. */
    public int numReturnSequences() {
        return numReturnSequences;
    }

    /** HF {@code temperature}, default 1. */
    public double temperature() {
        return temperature;
    }

    /** HF {@code top_k}, default 50 (0 disables it). */
    public int topK() {
        return topK;
    }

    /** HF {@code top_p}, default 1. */
    public double topP() {
        return topP;
    }

    /** HF {@code typical_p}, default 1. */
    public double typicalP() {
        return typicalP;
    }

    /** HF {@code min_p}; empty when unset. */
    public OptionalDouble minP() {
        return minP == null ? OptionalDouble.empty() : OptionalDouble.of(minP);
    }

    /** HF {@code repetition_penalty}, default 1. */
    public double repetitionPenalty() {
        return repetitionPenalty;
    }

    /** HF {@code no_repeat_ngram_size}, default 0. */
    public int noRepeatNgramSize() {
        return noRepeatNgramSize;
    }

    /** HF {@code bad_words_ids} (copies); empty by default. */
    public List<int[]> badWordsIds() {
        List<int[]> out = new ArrayList<>();
        for (int[] w : badWordsIds) {
            out.add(w.clone());
        }
        return out;
    }

    /** HF {@code suppress_tokens} (a copy); empty by default. */
    public int[] suppressTokens() {
        return suppressTokens.clone();
    }

    /** HF {@code eos_token_id} as a list (a copy); empty when unset. */
    public int[] eosTokenIds() {
        return eosTokenIds.clone();
    }

    /** HF {@code pad_token_id}; empty when unset. */
    public OptionalInt padTokenId() {
        return padTokenId == null ? OptionalInt.empty() : OptionalInt.of(padTokenId);
    }

    /** HF {@code bos_token_id}; empty when unset. */
    public OptionalInt bosTokenId() {
        return bosTokenId == null ? OptionalInt.empty() : OptionalInt.of(bosTokenId);
    }

    /** HF {@code decoder_start_token_id}; empty when unset. */
    public OptionalInt decoderStartTokenId() {
        return decoderStartTokenId == null ? OptionalInt.empty() : OptionalInt.of(decoderStartTokenId);
    }

    /** HF {@code forced_eos_token_id} as a list (a copy); empty when unset. */
    public int[] forcedEosTokenIds() {
        return forcedEosTokenIds.clone();
    }

    /** Base seed for sampling; empty means a fresh random seed per call. */
    public OptionalLong seed() {
        return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
    }

    /** HF {@code output_scores}: keep each step's processed scores in the result. Default false. */
    public boolean outputScores() {
        return outputScores;
    }

    /** Whether finished rows are dropped from the model's batch between steps. Default true. */
    public boolean compactFinishedRows() {
        return compactFinishedRows;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof GenerationConfig c)) {
            return false;
        }
        if (badWordsIds.size() != c.badWordsIds.size()) {
            return false;
        }
        for (int i = 0; i < badWordsIds.size(); i++) {
            if (!Arrays.equals(badWordsIds.get(i), c.badWordsIds.get(i))) {
                return false;
            }
        }
        return Objects.equals(maxNewTokens, c.maxNewTokens) && maxLength == c.maxLength
                && Objects.equals(minNewTokens, c.minNewTokens) && minLength == c.minLength
                && doSample == c.doSample && numBeams == c.numBeams && numBeamGroups == c.numBeamGroups
                && Double.compare(diversityPenalty, c.diversityPenalty) == 0
                && Double.compare(lengthPenalty, c.lengthPenalty) == 0 && earlyStopping == c.earlyStopping
                && numReturnSequences == c.numReturnSequences && Double.compare(temperature, c.temperature) == 0
                && topK == c.topK && Double.compare(topP, c.topP) == 0 && Double.compare(typicalP, c.typicalP) == 0
                && Objects.equals(minP, c.minP) && Double.compare(repetitionPenalty, c.repetitionPenalty) == 0
                && noRepeatNgramSize == c.noRepeatNgramSize && Arrays.equals(suppressTokens, c.suppressTokens)
                && Arrays.equals(eosTokenIds, c.eosTokenIds) && Objects.equals(padTokenId, c.padTokenId)
                && Objects.equals(bosTokenId, c.bosTokenId)
                && Objects.equals(decoderStartTokenId, c.decoderStartTokenId)
                && Arrays.equals(forcedEosTokenIds, c.forcedEosTokenIds) && Objects.equals(seed, c.seed)
                && outputScores == c.outputScores && compactFinishedRows == c.compactFinishedRows;
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxNewTokens, maxLength, minNewTokens, minLength, doSample, numBeams, numBeamGroups,
                diversityPenalty, lengthPenalty, earlyStopping, numReturnSequences, temperature, topK, topP,
                typicalP, minP, repetitionPenalty, noRepeatNgramSize, Arrays.hashCode(suppressTokens),
                Arrays.hashCode(eosTokenIds), padTokenId, bosTokenId, decoderStartTokenId,
                Arrays.hashCode(forcedEosTokenIds), seed, outputScores, compactFinishedRows, badWordsIds.size());
    }

    @Override
    public String toString() {
        return "GenerationConfig" + toJson().replaceAll("\\s+", " ");
    }

    /**
     * Mutable builder; {@link #build()} validates every field and names the offending one, its value
     * and the allowed range.
     */
    public static final class Builder {
        private Integer maxNewTokens;
        private int maxLength = DEFAULT_MAX_LENGTH;
        private Integer minNewTokens;
        private int minLength;
        private boolean doSample;
        private int numBeams = 1;
        private int numBeamGroups = 1;
        private double diversityPenalty;
        private double lengthPenalty = 1.0;
        private EarlyStopping earlyStopping = EarlyStopping.FALSE;
        private int numReturnSequences = 1;
        private double temperature = 1.0;
        private int topK = 50;
        private double topP = 1.0;
        private double typicalP = 1.0;
        private Double minP;
        private double repetitionPenalty = 1.0;
        private int noRepeatNgramSize;
        private List<int[]> badWordsIds = List.of();
        private int[] suppressTokens = new int[0];
        private int[] eosTokenIds = new int[0];
        private Integer padTokenId;
        private Integer bosTokenId;
        private Integer decoderStartTokenId;
        private int[] forcedEosTokenIds = new int[0];
        private Long seed;
        private boolean outputScores;
        private boolean compactFinishedRows = true;

        private Builder() {}

        private Builder(GenerationConfig c) {
            maxNewTokens = c.maxNewTokens;
            maxLength = c.maxLength;
            minNewTokens = c.minNewTokens;
            minLength = c.minLength;
            doSample = c.doSample;
            numBeams = c.numBeams;
            numBeamGroups = c.numBeamGroups;
            diversityPenalty = c.diversityPenalty;
            lengthPenalty = c.lengthPenalty;
            earlyStopping = c.earlyStopping;
            numReturnSequences = c.numReturnSequences;
            temperature = c.temperature;
            topK = c.topK;
            topP = c.topP;
            typicalP = c.typicalP;
            minP = c.minP;
            repetitionPenalty = c.repetitionPenalty;
            noRepeatNgramSize = c.noRepeatNgramSize;
            badWordsIds = c.badWordsIds;
            suppressTokens = c.suppressTokens;
            eosTokenIds = c.eosTokenIds;
            padTokenId = c.padTokenId;
            bosTokenId = c.bosTokenId;
            decoderStartTokenId = c.decoderStartTokenId;
            forcedEosTokenIds = c.forcedEosTokenIds;
            seed = c.seed;
            outputScores = c.outputScores;
            compactFinishedRows = c.compactFinishedRows;
        }

        /** HF {@code max_new_tokens}, {@code >= 1}; null unsets it (then {@code max_length} applies). */
        public Builder maxNewTokens(Integer v) {
            maxNewTokens = v;
            return this;
        }

        /** HF {@code max_length}, leading token included, {@code >= 2} unless {@code max_new_tokens} is set. */
        public Builder maxLength(int v) {
            maxLength = v;
            return this;
        }

        /** HF {@code min_new_tokens}, {@code >= 0}; null unsets it. */
        public Builder minNewTokens(Integer v) {
            minNewTokens = v;
            return this;
        }

        /** HF {@code min_length}, leading token included, {@code >= 0}. */
        public Builder minLength(int v) {
            minLength = v;
            return this;
        }

        /** HF {@code do_sample}. */
        public Builder doSample(boolean v) {
            doSample = v;
            return this;
        }

        /** HF {@code num_beams}, {@code >= 1}. */
        public Builder numBeams(int v) {
            numBeams = v;
            return this;
        }

        /** HF {@code num_beam_groups}, in [1, num_beams], dividing num_beams. */
        public Builder numBeamGroups(int v) {
            numBeamGroups = v;
            return this;
        }

        /** HF {@code diversity_penalty}, finite, {@code >= 0}. */
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
            earlyStopping = Objects.requireNonNull(v, "early_stopping (earlyStopping)");
            return this;
        }

        /** HF {@code num_return_sequences}, {@code >= 1} (at most num_beams for beam search). */
        public Builder numReturnSequences(int v) {
            numReturnSequences = v;
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

        /** HF {@code top_p}, in (0, 1]; 1 disables it. */
        public Builder topP(double v) {
            topP = v;
            return this;
        }

        /** HF {@code typical_p}, in (0, 1]; 1 disables it. */
        public Builder typicalP(double v) {
            typicalP = v;
            return this;
        }

        /** HF {@code min_p}, in [0, 1]; null unsets it. */
        public Builder minP(Double v) {
            minP = v;
            return this;
        }

        /** HF {@code repetition_penalty}, finite, {@code > 0}; 1 disables it. */
        public Builder repetitionPenalty(double v) {
            repetitionPenalty = v;
            return this;
        }

        /** HF {@code no_repeat_ngram_size}, {@code >= 0}; 0 disables it. */
        public Builder noRepeatNgramSize(int v) {
            noRepeatNgramSize = v;
            return this;
        }

        /** HF {@code bad_words_ids}: non-empty token sequences never to generate. */
        public Builder badWordsIds(List<int[]> v) {
            List<int[]> copy = new ArrayList<>();
            for (int[] w : Objects.requireNonNull(v, "bad_words_ids (badWordsIds)")) {
                copy.add(Objects.requireNonNull(w, "bad_words_ids entry").clone());
            }
            badWordsIds = copy;
            return this;
        }

        /** HF {@code suppress_tokens}. */
        public Builder suppressTokens(int... v) {
            suppressTokens = v.clone();
            return this;
        }

        /** HF {@code eos_token_id}: one or several ids, none to never stop early. */
        public Builder eosTokenIds(int... v) {
            eosTokenIds = v.clone();
            return this;
        }

        /** HF {@code pad_token_id}; null unsets it. */
        public Builder padTokenId(Integer v) {
            padTokenId = v;
            return this;
        }

        /** HF {@code bos_token_id}; null unsets it. */
        public Builder bosTokenId(Integer v) {
            bosTokenId = v;
            return this;
        }

        /** HF {@code decoder_start_token_id}; null unsets it. */
        public Builder decoderStartTokenId(Integer v) {
            decoderStartTokenId = v;
            return this;
        }

        /** HF {@code forced_eos_token_id}: one or several ids, none to disable it. */
        public Builder forcedEosTokenIds(int... v) {
            forcedEosTokenIds = v.clone();
            return this;
        }

        /** Sampling seed; null for a fresh random seed per call. */
        public Builder seed(Long v) {
            seed = v;
            return this;
        }

        /** HF {@code output_scores}: keep each step's processed scores. */
        public Builder outputScores(boolean v) {
            outputScores = v;
            return this;
        }

        /** Drop finished rows from the model's batch between steps (default true). */
        public Builder compactFinishedRows(boolean v) {
            compactFinishedRows = v;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the field, its value and the allowed range
         */
        public GenerationConfig build() {
            if (maxNewTokens != null) {
                check(maxNewTokens >= 1, "max_new_tokens", "maxNewTokens", maxNewTokens, ">= 1");
            } else {
                check(maxLength >= 2, "max_length", "maxLength", maxLength,
                        ">= 2 (it counts the leading token) when max_new_tokens is not set");
            }
            check(maxLength >= 1, "max_length", "maxLength", maxLength, ">= 1");
            if (minNewTokens != null) {
                check(minNewTokens >= 0, "min_new_tokens", "minNewTokens", minNewTokens, ">= 0");
            }
            check(minLength >= 0, "min_length", "minLength", minLength, ">= 0");
            check(numBeams >= 1, "num_beams", "numBeams", numBeams, ">= 1");
            check(numBeamGroups >= 1 && numBeamGroups <= numBeams && numBeams % numBeamGroups == 0,
                    "num_beam_groups", "numBeamGroups", numBeamGroups,
                    "in [1, num_beams = " + numBeams + "] and a divisor of num_beams");
            check(Double.isFinite(diversityPenalty) && diversityPenalty >= 0, "diversity_penalty",
                    "diversityPenalty", diversityPenalty, "a finite value >= 0");
            check(Double.isFinite(lengthPenalty), "length_penalty", "lengthPenalty", lengthPenalty, "finite");
            check(numReturnSequences >= 1, "num_return_sequences", "numReturnSequences", numReturnSequences, ">= 1");
            if (numBeams > 1) {
                check(numReturnSequences <= numBeams, "num_return_sequences", "numReturnSequences",
                        numReturnSequences, "<= num_beams = " + numBeams);
            } else if (!doSample) {
                check(numReturnSequences == 1, "num_return_sequences", "numReturnSequences", numReturnSequences,
                        "1 for greedy search (use sampling or beam search for several sequences)");
            }
            check(!(doSample && numBeamGroups > 1), "do_sample", "doSample", doSample,
                    "false with num_beam_groups = " + numBeamGroups + " (diverse beam search does not sample)");
            check(Double.isFinite(temperature) && temperature > 0, "temperature", "temperature", temperature,
                    "a finite value > 0");
            check(topK >= 0, "top_k", "topK", topK, ">= 0 (0 disables it)");
            check(topP > 0 && topP <= 1, "top_p", "topP", topP, "in (0, 1]");
            check(typicalP > 0 && typicalP <= 1, "typical_p", "typicalP", typicalP, "in (0, 1]");
            if (minP != null) {
                check(minP >= 0 && minP <= 1, "min_p", "minP", minP, "in [0, 1]");
            }
            check(Double.isFinite(repetitionPenalty) && repetitionPenalty > 0, "repetition_penalty",
                    "repetitionPenalty", repetitionPenalty, "a finite value > 0");
            check(noRepeatNgramSize >= 0, "no_repeat_ngram_size", "noRepeatNgramSize", noRepeatNgramSize, ">= 0");
            for (int[] w : badWordsIds) {
                check(w.length > 0, "bad_words_ids", "badWordsIds", "[]", "non-empty token lists");
                checkIds(w, "bad_words_ids", "badWordsIds");
            }
            checkIds(suppressTokens, "suppress_tokens", "suppressTokens");
            checkIds(eosTokenIds, "eos_token_id", "eosTokenIds");
            checkIds(forcedEosTokenIds, "forced_eos_token_id", "forcedEosTokenIds");
            checkId(padTokenId, "pad_token_id", "padTokenId");
            checkId(bosTokenId, "bos_token_id", "bosTokenId");
            checkId(decoderStartTokenId, "decoder_start_token_id", "decoderStartTokenId");
            return new GenerationConfig(this);
        }

        private static void checkIds(int[] ids, String hf, String java) {
            for (int id : ids) {
                check(id >= 0, hf, java, Arrays.toString(ids), "token ids >= 0");
            }
        }

        private static void checkId(Integer id, String hf, String java) {
            if (id != null) {
                check(id >= 0, hf, java, id, ">= 0");
            }
        }

        private static void check(boolean ok, String hf, String java, Object value, String range) {
            if (!ok) {
                throw new IllegalArgumentException(hf + " (" + java + ") = " + value + ": must be " + range);
            }
        }
    }
}
