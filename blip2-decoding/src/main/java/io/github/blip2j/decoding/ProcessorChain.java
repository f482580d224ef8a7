package io.github.blip2j.decoding;

import io.github.blip2j.decoding.processors.ForcedEosTokenLogitsProcessor;
import io.github.blip2j.decoding.processors.LogitsProcessor;
import io.github.blip2j.decoding.processors.MinLengthLogitsProcessor;
import io.github.blip2j.decoding.processors.MinNewTokensLogitsProcessor;
import io.github.blip2j.decoding.processors.MinPLogitsWarper;
import io.github.blip2j.decoding.processors.NoBadWordsLogitsProcessor;
import io.github.blip2j.decoding.processors.NoRepeatNGramLogitsProcessor;
import io.github.blip2j.decoding.processors.RepetitionPenaltyLogitsProcessor;
import io.github.blip2j.decoding.processors.SuppressTokensLogitsProcessor;
import io.github.blip2j.decoding.processors.TemperatureLogitsWarper;
import io.github.blip2j.decoding.processors.TopKLogitsWarper;
import io.github.blip2j.decoding.processors.TopPLogitsWarper;
import io.github.blip2j.decoding.processors.TypicalLogitsWarper;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the processor and warper lists a config asks for, in the order of transformers v4.36.2
 * {@code _get_logits_processor} / {@code _get_logits_warper} (min-p placed as in 4.39+).
 * The diversity penalty, first in HF's list, is applied by {@link BeamEngine} itself because it
 * needs the tokens other beam groups chose in the same step.
 */
final class ProcessorChain {

    private ProcessorChain() {}

    static List<LogitsProcessor> processors(GenerationConfig c, int vocabSize) {
        List<LogitsProcessor> out = new ArrayList<>();
        int[] eos = c.eosTokenIds();
        if (c.repetitionPenalty() != 1.0) {
            out.add(new RepetitionPenaltyLogitsProcessor(c.repetitionPenalty(), vocabSize));
        }
        if (c.noRepeatNgramSize() > 0) {
            out.add(new NoRepeatNGramLogitsProcessor(c.noRepeatNgramSize()));
        }
        if (!c.badWordsIds().isEmpty()) {
            out.add(new NoBadWordsLogitsProcessor(c.badWordsIds(), eos));
        }
        if (c.minLength() > 0 && eos.length > 0) {
            out.add(new MinLengthLogitsProcessor(c.minLength(), eos));
        }
        if (c.minNewTokens().orElse(0) > 0 && eos.length > 0) {
            out.add(new MinNewTokensLogitsProcessor(1, c.minNewTokens().getAsInt(), eos));
        }
        if (c.forcedEosTokenIds().length > 0) {
            out.add(new ForcedEosTokenLogitsProcessor(c.resolvedMaxLength(), c.forcedEosTokenIds()));
        }
        if (c.suppressTokens().length > 0) {
            out.add(new SuppressTokensLogitsProcessor(c.suppressTokens()));
        }
        return out;
    }

    static List<LogitsProcessor> warpers(GenerationConfig c, int vocabSize) {
        List<LogitsProcessor> out = new ArrayList<>();
        int minKeep = c.numBeams() > 1 ? 2 : 1;
        if (c.temperature() != 1.0) {
            out.add(new TemperatureLogitsWarper(c.temperature()));
        }
        if (c.topK() != 0) {
            out.add(new TopKLogitsWarper(c.topK(), minKeep, vocabSize));
        }
        if (c.topP() < 1.0) {
            out.add(new TopPLogitsWarper(c.topP(), minKeep, vocabSize));
        }
        if (c.minP().isPresent()) {
            out.add(new MinPLogitsWarper(c.minP().getAsDouble(), minKeep, vocabSize));
        }
        if (c.typicalP() < 1.0) {
            out.add(new TypicalLogitsWarper(c.typicalP(), minKeep, vocabSize));
        }
        return out;
    }

    static void apply(List<LogitsProcessor> chain, int[] tokens, int length, float[] scores, int vocabSize) {
        for (int i = 0, n = chain.size(); i < n; i++) {
            chain.get(i).process(tokens, length, scores, vocabSize);
        }
    }

    /** Checks that every id the config and the caller name fits the model's vocabulary. */
    static void checkInputs(GenerationConfig c, NextTokenModel model, int[] leadingTokens) {
        int v = model.vocabSize();
        if (v < 1) {
            throw new IllegalArgumentException("model vocabSize() = " + v + ": must be >= 1");
        }
        if (leadingTokens == null || leadingTokens.length == 0) {
            throw new IllegalArgumentException("leadingTokens: need at least one batch item");
        }
        for (int i = 0; i < leadingTokens.length; i++) {
            if (leadingTokens[i] < 0 || leadingTokens[i] >= v) {
                throw new IllegalArgumentException("leadingTokens[" + i + "] = " + leadingTokens[i]
                        + ": must be in [0, vocabSize = " + v + ")");
            }
        }
        checkIds("eos_token_id", c.eosTokenIds(), v);
        checkIds("forced_eos_token_id", c.forcedEosTokenIds(), v);
        checkIds("suppress_tokens", c.suppressTokens(), v);
        for (int[] w : c.badWordsIds()) {
            checkIds("bad_words_ids", w, v);
        }
        checkIds("pad_token_id", new int[] {c.resolvedPadTokenId()}, v);
    }

    private static void checkIds(String field, int[] ids, int vocabSize) {
        for (int id : ids) {
            if (id >= vocabSize) {
                throw new IllegalArgumentException(field + " contains " + id + ": must be < vocabSize = " + vocabSize);
            }
        }
    }
}
