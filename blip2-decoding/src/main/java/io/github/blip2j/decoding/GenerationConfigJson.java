package io.github.blip2j.decoding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes {@code generation_config.json} with HF key names. */
final class GenerationConfigJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private GenerationConfigJson() {}

    static GenerationConfig parse(String json, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("generation config " + source + " is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("generation config " + source + ": expected a JSON object");
        }
        Reader r = new Reader(root, source);
        GenerationConfig.Builder b = GenerationConfig.builder();
        if (r.has("max_new_tokens")) {
            b.maxNewTokens(r.integer("max_new_tokens"));
        }
        if (r.has("max_length")) {
            b.maxLength(r.integer("max_length"));
        }
        if (r.has("min_new_tokens")) {
            b.minNewTokens(r.integer("min_new_tokens"));
        }
        if (r.has("min_length")) {
            b.minLength(r.integer("min_length"));
        }
        if (r.has("do_sample")) {
            b.doSample(r.bool("do_sample"));
        }
        if (r.has("num_beams")) {
            b.numBeams(r.integer("num_beams"));
        }
        if (r.has("num_beam_groups")) {
            b.numBeamGroups(r.integer("num_beam_groups"));
        }
        if (r.has("diversity_penalty")) {
            b.diversityPenalty(r.number("diversity_penalty"));
        }
        if (r.has("length_penalty")) {
            b.lengthPenalty(r.number("length_penalty"));
        }
        if (r.has("early_stopping")) {
            b.earlyStopping(r.earlyStopping("early_stopping"));
        }
        if (r.has("num_return_sequences")) {
            b.numReturnSequences(r.integer("num_return_sequences"));
        }
        if (r.has("temperature")) {
            b.temperature(r.number("temperature"));
        }
        if (r.has("top_k")) {
            b.topK(r.integer("top_k"));
        }
        if (r.has("top_p")) {
            b.topP(r.number("top_p"));
        }
        if (r.has("typical_p")) {
            b.typicalP(r.number("typical_p"));
        }
        if (r.has("min_p")) {
            b.minP(r.number("min_p"));
        }
        if (r.has("repetition_penalty")) {
            b.repetitionPenalty(r.number("repetition_penalty"));
        }
        if (r.has("no_repeat_ngram_size")) {
            b.noRepeatNgramSize(r.integer("no_repeat_ngram_size"));
        }
        if (r.has("bad_words_ids")) {
            b.badWordsIds(r.intLists("bad_words_ids"));
        }
        if (r.has("suppress_tokens")) {
            b.suppressTokens(r.intOrList("suppress_tokens"));
        }
        if (r.has("eos_token_id")) {
            b.eosTokenIds(r.intOrList("eos_token_id"));
        }
        if (r.has("pad_token_id")) {
            b.padTokenId(r.integer("pad_token_id"));
        }
        if (r.has("bos_token_id")) {
            b.bosTokenId(r.integer("bos_token_id"));
        }
        if (r.has("decoder_start_token_id")) {
            b.decoderStartTokenId(r.integer("decoder_start_token_id"));
        }
        if (r.has("forced_eos_token_id")) {
            b.forcedEosTokenIds(r.intOrList("forced_eos_token_id"));
        }
        if (r.has("seed")) {
            b.seed(r.longValue("seed"));
        }
        if (r.has("output_scores")) {
            b.outputScores(r.bool("output_scores"));
        }
        if (r.has("compact_finished_rows")) {
            b.compactFinishedRows(r.bool("compact_finished_rows"));
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("generation config " + source + ": " + e.getMessage(), e);
        }
    }

    static String write(GenerationConfig c) {
        GenerationConfig d = GenerationConfig.defaults();
        ObjectNode o = MAPPER.createObjectNode();
        c.maxNewTokens().ifPresent(v -> o.put("max_new_tokens", v));
        putIfChanged(o, "max_length", c.maxLength(), d.maxLength());
        c.minNewTokens().ifPresent(v -> o.put("min_new_tokens", v));
        putIfChanged(o, "min_length", c.minLength(), d.minLength());
        if (c.doSample()) {
            o.put("do_sample", true);
        }
        putIfChanged(o, "num_beams", c.numBeams(), d.numBeams());
        putIfChanged(o, "num_beam_groups", c.numBeamGroups(), d.numBeamGroups());
        putIfChanged(o, "diversity_penalty", c.diversityPenalty(), d.diversityPenalty());
        putIfChanged(o, "length_penalty", c.lengthPenalty(), d.lengthPenalty());
        if (c.earlyStopping() != d.earlyStopping()) {
            o.putPOJO("early_stopping", c.earlyStopping().jsonValue());
        }
        putIfChanged(o, "num_return_sequences", c.numReturnSequences(), d.numReturnSequences());
        putIfChanged(o, "temperature", c.temperature(), d.temperature());
        putIfChanged(o, "top_k", c.topK(), d.topK());
        putIfChanged(o, "top_p", c.topP(), d.topP());
        putIfChanged(o, "typical_p", c.typicalP(), d.typicalP());
        c.minP().ifPresent(v -> o.put("min_p", v));
        putIfChanged(o, "repetition_penalty", c.repetitionPenalty(), d.repetitionPenalty());
        putIfChanged(o, "no_repeat_ngram_size", c.noRepeatNgramSize(), d.noRepeatNgramSize());
        if (!c.badWordsIds().isEmpty()) {
            ArrayNode words = o.putArray("bad_words_ids");
            for (int[] w : c.badWordsIds()) {
                ArrayNode a = words.addArray();
                for (int t : w) {
                    a.add(t);
                }
            }
        }
        putIds(o, "suppress_tokens", c.suppressTokens(), false);
        putIds(o, "eos_token_id", c.eosTokenIds(), true);
        c.padTokenId().ifPresent(v -> o.put("pad_token_id", v));
        c.bosTokenId().ifPresent(v -> o.put("bos_token_id", v));
        c.decoderStartTokenId().ifPresent(v -> o.put("decoder_start_token_id", v));
        putIds(o, "forced_eos_token_id", c.forcedEosTokenIds(), true);
        c.seed().ifPresent(v -> o.put("seed", v));
        if (c.outputScores()) {
            o.put("output_scores", true);
        }
        if (!c.compactFinishedRows()) {
            o.put("compact_finished_rows", false);
        }
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise generation config", e);
        }
    }

    private static void putIfChanged(ObjectNode o, String key, int v, int def) {
        if (v != def) {
            o.put(key, v);
        }
    }

    private static void putIfChanged(ObjectNode o, String key, double v, double def) {
        if (Double.compare(v, def) != 0) {
            o.put(key, v);
        }
    }

    private static void putIds(ObjectNode o, String key, int[] ids, boolean scalarWhenSingle) {
        if (ids.length == 0) {
            return;
        }
        if (scalarWhenSingle && ids.length == 1) {
            o.put(key, ids[0]);
            return;
        }
        ArrayNode a = o.putArray(key);
        for (int t : ids) {
            a.add(t);
        }
    }

    /** Typed access to one JSON object, with errors that name the source and the key. */
    private record Reader(JsonNode root, String source) {

        boolean has(String key) {
            JsonNode n = root.get(key);
            return n != null && !n.isNull();
        }

        private IllegalArgumentException bad(String key, String expected) {
            return new IllegalArgumentException("generation config " + source + ": '" + key + "' must be "
                    + expected + ", got " + root.get(key));
        }

        int integer(String key) {
            JsonNode n = root.get(key);
            if (!n.isIntegralNumber() || !n.canConvertToInt()) {
                throw bad(key, "an integer");
            }
            return n.intValue();
        }

        long longValue(String key) {
            JsonNode n = root.get(key);
            if (!n.isIntegralNumber() || !n.canConvertToLong()) {
                throw bad(key, "an integer");
            }
            return n.longValue();
        }

        double number(String key) {
            JsonNode n = root.get(key);
            if (!n.isNumber()) {
                throw bad(key, "a number");
            }
            return n.doubleValue();
        }

        boolean bool(String key) {
            JsonNode n = root.get(key);
            if (!n.isBoolean()) {
                throw bad(key, "true or false");
            }
            return n.booleanValue();
        }

        EarlyStopping earlyStopping(String key) {
            JsonNode n = root.get(key);
            if (n.isBoolean()) {
                return n.booleanValue() ? EarlyStopping.TRUE : EarlyStopping.FALSE;
            }
            if (n.isTextual() && n.textValue().equals("never")) {
                return EarlyStopping.NEVER;
            }
            throw bad(key, "true, false or \"never\"");
        }

        int[] intOrList(String key) {
            JsonNode n = root.get(key);
            if (n.isIntegralNumber() && n.canConvertToInt()) {
                return new int[] {n.intValue()};
            }
            if (n.isArray()) {
                int[] out = new int[n.size()];
                for (int i = 0; i < out.length; i++) {
                    JsonNode e = n.get(i);
                    if (!e.isIntegralNumber() || !e.canConvertToInt()) {
                        throw bad(key, "an integer or a list of integers");
                    }
                    out[i] = e.intValue();
                }
                return out;
            }
            throw bad(key, "an integer or a list of integers");
        }

        List<int[]> intLists(String key) {
            JsonNode n = root.get(key);
            if (!n.isArray()) {
                throw bad(key, "a list of lists of integers");
            }
            List<int[]> out = new ArrayList<>();
            for (JsonNode seq : n) {
                if (!seq.isArray()) {
                    throw bad(key, "a list of lists of integers");
                }
                int[] ids = new int[seq.size()];
                for (int i = 0; i < ids.length; i++) {
                    JsonNode e = seq.get(i);
                    if (!e.isIntegralNumber() || !e.canConvertToInt()) {
                        throw bad(key, "a list of lists of integers");
                    }
                    ids[i] = e.intValue();
                }
                out.add(ids);
            }
            return out;
        }
    }
}
