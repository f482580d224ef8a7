package io.github.blip2j.examples.demo.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a word-level Hugging Face tokenizer from captions and writes it as {@code tokenizer.json}
 * (plus {@code tokenizer_config.json} and {@code special_tokens_map.json}), so it loads like a real
 * checkpoint's tokenizer: with DJL's {@code HuggingFaceTokenizer} or Python's
 * {@code PreTrainedTokenizerFast}. The layout is T5's: {@code <pad>} = 0, {@code </s>} = 1,
 * {@code <unk>} = 2, a post-processor that appends {@code </s>}; a {@code Lowercase} normalizer and
 * a {@code Whitespace} pre-tokenizer (words and runs of punctuation, so "shapes:" is "shapes" ":").
 * Words are numbered from 3 by descending frequency, ties alphabetically, so the ids are a
 * function of the captions only.
 */
public final class WordLevelTokenizerWriter {

    public static final String PAD = "<pad>";
    public static final String EOS = "</s>";
    public static final String UNK = "<unk>";

    /** The Whitespace pre-tokenizer's split: {@code \w+|[^\w\s]+}. */
    private static final Pattern PRE_TOKEN = Pattern.compile("\\w+|[^\\w\\s]+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, Integer> counts = new HashMap<>();
    private int minFrequency = 1;
    private int modelMaxLength = 64;

    /** Splits text as the tokenizer will: lower-cased words and punctuation runs. */
    public static List<String> preTokenize(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = PRE_TOKEN.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** Counts the words of these captions. */
    public WordLevelTokenizerWriter addCaptions(Collection<String> captions) {
        for (String c : captions) {
            for (String w : preTokenize(c)) {
                counts.merge(w, 1, Integer::sum);
            }
        }
        return this;
    }

    /** Adds words that must be in the vocabulary even if no caption uses them (count 0). */
    public WordLevelTokenizerWriter addWords(Collection<String> words) {
        for (String w : words) {
            List<String> pieces = preTokenize(w);
            if (pieces.size() != 1) {
                throw new IllegalArgumentException("vocabulary word must be one pre-token, got '" + w + "' -> " + pieces);
            }
            counts.putIfAbsent(pieces.get(0), 0);
        }
        return this;
    }

    /** Words seen fewer times in the captions are left out (map to {@code <unk>}); words added by
     * {@link #addWords} are always kept. Range 1..1000, default 1. */
    public WordLevelTokenizerWriter minFrequency(int n) {
        if (n < 1 || n > 1000) {
            throw new IllegalArgumentException("minFrequency must be in 1..1000, got " + n);
        }
        this.minFrequency = n;
        return this;
    }

    /** {@code model_max_length} in {@code tokenizer_config.json}, 1..100000 (default 64). */
    public WordLevelTokenizerWriter modelMaxLength(int n) {
        if (n < 1 || n > 100_000) {
            throw new IllegalArgumentException("modelMaxLength must be in 1..100000, got " + n);
        }
        this.modelMaxLength = n;
        return this;
    }

    /** Token to id: the three special tokens, then the words. */
    public Map<String, Integer> vocabulary() {
        List<Map.Entry<String, Integer>> words = new ArrayList<>();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() == 0 || e.getValue() >= minFrequency) {
                words.add(e);
            }
        }
        words.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Integer> vocab = new LinkedHashMap<>();
        vocab.put(PAD, 0);
        vocab.put(EOS, 1);
        vocab.put(UNK, 2);
        for (Map.Entry<String, Integer> e : words) {
            vocab.putIfAbsent(e.getKey(), vocab.size());
        }
        return Collections.unmodifiableMap(vocab);
    }

    /** The {@code tokenizer.json} document. */
    public String tokenizerJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", "1.0");
        root.put("truncation", null);
        root.put("padding", null);
        root.put("added_tokens", List.of(special(0, PAD), special(1, EOS), special(2, UNK)));
        root.put("normalizer", Map.of("type", "Lowercase"));
        root.put("pre_tokenizer", Map.of("type", "Whitespace"));
        Map<String, Object> post = new LinkedHashMap<>();
        post.put("type", "TemplateProcessing");
        post.put("single", List.of(sequence("A", 0), specialPiece(0)));
        post.put("pair", List.of(sequence("A", 0), specialPiece(0), sequence("B", 1), specialPiece(1)));
        post.put("special_tokens", Map.of(EOS, Map.of("id", EOS, "ids", List.of(1), "tokens", List.of(EOS))));
        root.put("post_processor", post);
        root.put("decoder", null);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("type", "WordLevel");
        model.put("vocab", vocabulary());
        model.put("unk_token", UNK);
        root.put("model", model);
        return json(root);
    }

    /**
     * Writes {@code tokenizer.json}, {@code tokenizer_config.json} and {@code special_tokens_map.json}
     * into {@code dir} (each atomically) and returns the path of {@code tokenizer.json}.
     */
    public Path writeTo(Path dir) {
        Path tokenizer = dir.resolve("tokenizer.json");
        AtomicFiles.write(tokenizer, tokenizerJson());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("model_max_length", modelMaxLength);
        config.put("eos_token", EOS);
        config.put("pad_token", PAD);
        config.put("unk_token", UNK);
        config.put("tokenizer_class", "PreTrainedTokenizerFast");
        AtomicFiles.write(dir.resolve("tokenizer_config.json"), json(config));
        Map<String, Object> specials = new LinkedHashMap<>();
        specials.put("eos_token", EOS);
        specials.put("pad_token", PAD);
        specials.put("unk_token", UNK);
        AtomicFiles.write(dir.resolve("special_tokens_map.json"), json(specials));
        return tokenizer;
    }

    private static Map<String, Object> special(int id, String content) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("content", content);
        m.put("single_word", false);
        m.put("lstrip", false);
        m.put("rstrip", false);
        m.put("normalized", false);
        m.put("special", true);
        return m;
    }

    private static Map<String, Object> sequence(String id, int typeId) {
        return Map.of("Sequence", Map.of("id", id, "type_id", typeId));
    }

    private static Map<String, Object> specialPiece(int typeId) {
        return Map.of("SpecialToken", Map.of("id", EOS, "type_id", typeId));
    }

    private static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise tokenizer", e);
        }
    }
}
