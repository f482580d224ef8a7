package io.github.blip2j.core.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A Hugging Face {@code tokenizer.json} tokenizer (through DJL's {@link HuggingFaceTokenizer}),
 * with the special-token ids from {@code tokenizer_config.json} and padded batch encoding.
 *
 * <p>Special tokens are what the tokenizer's own post-processor adds, as in {@code transformers}:
 * T5 tokenizers append {@code </s>}, OPT's prepend {@code </s>} as bos. Loading is offline: the
 * Rust library comes from the DJL tokenizers jar. With DJL 0.36 that holds only when DJL does not
 * look for a CUDA build of it, which it does on a machine with CUDA unless {@code ai.djl.offline}
 * is true or {@code RUST_FLAVOR} is set; this class therefore sets the {@code RUST_FLAVOR} system
 * property to {@code cpu} if neither is set (tokenizing runs on the CPU anyway).
 *
 * <p>Thread-safe (the native tokenizer is immutable); close it to free native memory.
 */
public final class TextTokenizer implements AutoCloseable {

    /** The tokenizer file inside a model directory. */
    public static final String TOKENIZER_FILE = "tokenizer.json";
    /** The optional settings file next to it. */
    public static final String CONFIG_FILE = "tokenizer_config.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HuggingFaceTokenizer tokenizer;
    private final Path file;
    private final Map<String, Long> specialIds;
    private final OptionalLong padId;
    private final OptionalLong eosId;
    private final OptionalLong bosId;
    private final OptionalLong unkId;
    private final int modelMaxLength;

    private TextTokenizer(HuggingFaceTokenizer tokenizer, Path file, Map<String, Long> specialIds, JsonNode config) {
        this.tokenizer = tokenizer;
        this.file = file;
        this.specialIds = Map.copyOf(specialIds);
        this.padId = idOf(config, "pad_token");
        this.eosId = idOf(config, "eos_token");
        this.bosId = idOf(config, "bos_token");
        this.unkId = idOf(config, "unk_token");
        JsonNode max = config.get("model_max_length");
        this.modelMaxLength = max != null && max.canConvertToInt() && max.asLong() > 0 ? max.asInt() : Integer.MAX_VALUE;
    }

    /**
     * Loads {@code tokenizer.json} (and {@code tokenizer_config.json} beside it, if present).
     *
     * @param path the {@code tokenizer.json} file or a model directory holding it
     * @throws IllegalArgumentException if there is no tokenizer.json or it cannot be parsed (named)
     * @throws UncheckedIOException if a file cannot be read
     */
    public static TextTokenizer load(Path path) {
        Path json = Files.isDirectory(path) ? path.resolve(TOKENIZER_FILE) : path;
        if (!Files.isRegularFile(json)) {
            throw new IllegalArgumentException("no " + TOKENIZER_FILE + " at " + json
                    + "; BLIP-2 needs the model's fast tokenizer file (tokenizer.json)");
        }
        Map<String, Long> special = addedTokens(json);
        Path configPath = json.resolveSibling(CONFIG_FILE);
        JsonNode config = JSON.createObjectNode();
        if (Files.isRegularFile(configPath)) {
            try {
                config = JSON.readTree(configPath.toFile());
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot parse " + configPath + ": " + e.getMessage(), e);
            }
        }
        preferCpuFlavour();
        HuggingFaceTokenizer tok;
        try {
            tok = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(json)
                    .optAddSpecialTokens(true)
                    .optTruncation(false)
                    .optPadding(false)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer " + json + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot load tokenizer " + json + ": " + e.getMessage(), e);
        }
        return new TextTokenizer(tok, json, special, config);
    }

    /** See the class comment: keep DJL 0.36 from looking for (and downloading) a CUDA build. */
    private static void preferCpuFlavour() {
        if (System.getenv("RUST_FLAVOR") == null && System.getProperty("RUST_FLAVOR") == null
                && !Boolean.getBoolean("ai.djl.offline")) {
            System.setProperty("RUST_FLAVOR", "cpu");
        }
    }

    private static Map<String, Long> addedTokens(Path json) {
        JsonNode root;
        try {
            root = JSON.readTree(json.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot parse " + json + ": " + e.getMessage(), e);
        }
        Map<String, Long> out = new HashMap<>();
        JsonNode added = root == null ? null : root.get("added_tokens");
        if (added != null && added.isArray()) {
            for (JsonNode t : added) {
                if (t.hasNonNull("content") && t.hasNonNull("id")) {
                    out.put(t.get("content").asText(), t.get("id").asLong());
                }
            }
        }
        return out;
    }

    private OptionalLong idOf(JsonNode config, String key) {
        JsonNode v = config.get(key);
        if (v == null || v.isNull()) {
            return OptionalLong.empty();
        }
        String token = v.isObject() ? v.path("content").asText(null) : v.asText(null);
        if (token == null) {
            return OptionalLong.empty();
        }
        Long id = specialIds.get(token);
        if (id == null) {
            long[] ids = tokenizer.encode(token, false, false).getIds();
            return ids.length == 1 ? OptionalLong.of(ids[0]) : OptionalLong.empty();
        }
        return OptionalLong.of(id);
    }

    /** The tokenizer.json this was loaded from. */
    public Path file() {
        return file;
    }

    /** Id of the pad token named in tokenizer_config.json, if any. */
    public OptionalLong padTokenId() {
        return padId;
    }

    /** Id of the eos token named in tokenizer_config.json, if any. */
    public OptionalLong eosTokenId() {
        return eosId;
    }

    /** Id of the bos token named in tokenizer_config.json, if any. */
    public OptionalLong bosTokenId() {
        return bosId;
    }

    /** Id of the unknown token named in tokenizer_config.json, if any. */
    public OptionalLong unkTokenId() {
        return unkId;
    }

    /** tokenizer_config.json's model_max_length, or Integer.MAX_VALUE. */
    public int modelMaxLength() {
        return modelMaxLength;
    }

    /** Id of an added (special) token by its text, e.g. {@code "</s>"}. */
    public OptionalLong specialTokenId(String token) {
        Long id = specialIds.get(token);
        return id == null ? OptionalLong.empty() : OptionalLong.of(id);
    }

    /** Encodes with the family's special tokens (T5: {@code ... </s>}; OPT: {@code </s> ...}). */
    public long[] encode(String text) {
        return encode(text, true);
    }

    /** Encodes, with or without the special tokens the post-processor adds. */
    public long[] encode(String text, boolean addSpecialTokens) {
        Objects.requireNonNull(text, "text");
        return tokenizer.encode(text, addSpecialTokens, false).getIds();
    }

    /** The tokens (strings) of {@code text}, with special tokens. */
    public String[] tokens(String text) {
        return tokenizer.encode(text, true, false).getTokens();
    }

    /**
     * Encodes a batch and pads it to its longest row.
     *
     * @param texts the texts
     * @param side where padding goes
     * @param addSpecialTokens whether to add the family's special tokens
     * @throws IllegalStateException if rows differ in length and the tokenizer has no pad token
     */
    public EncodedBatch encodeBatch(List<String> texts, PaddingSide side, boolean addSpecialTokens) {
        Objects.requireNonNull(side, "side");
        if (texts.isEmpty()) {
            return new EncodedBatch(new long[0][], new long[0][]);
        }
        Encoding[] encs = tokenizer.batchEncode(texts, addSpecialTokens, false);
        long[][] rows = new long[encs.length][];
        int longest = 0;
        for (int i = 0; i < encs.length; i++) {
            rows[i] = encs[i].getIds();
            longest = Math.max(longest, rows[i].length);
        }
        long[][] ids = new long[rows.length][longest];
        long[][] mask = new long[rows.length][longest];
        for (int i = 0; i < rows.length; i++) {
            int pad = longest - rows[i].length;
            if (pad > 0 && padId.isEmpty()) {
                throw new IllegalStateException("cannot pad row " + i + " of the batch: " + file
                        + " defines no pad_token in " + CONFIG_FILE);
            }
            int offset = side == PaddingSide.LEFT ? pad : 0;
            Arrays.fill(ids[i], padId.orElse(0));
            System.arraycopy(rows[i], 0, ids[i], offset, rows[i].length);
            Arrays.fill(mask[i], offset, offset + rows[i].length, 1L);
        }
        return new EncodedBatch(ids, mask);
    }

    /** {@link #encodeBatch(List, PaddingSide, boolean)} with special tokens. */
    public EncodedBatch encodeBatch(List<String> texts, PaddingSide side) {
        return encodeBatch(texts, side, true);
    }

    /** Decodes ids to text, optionally dropping special tokens (pad, eos, bos...). */
    public String decode(long[] ids, boolean skipSpecialTokens) {
        return tokenizer.decode(ids, skipSpecialTokens);
    }

    /** Decodes each row. */
    public List<String> decodeBatch(long[][] ids, boolean skipSpecialTokens) {
        return List.of(tokenizer.batchDecode(ids, skipSpecialTokens));
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    @Override
    public String toString() {
        return "TextTokenizer{" + file + ", pad=" + padId + ", eos=" + eosId + ", bos=" + bosId + "}";
    }
}
