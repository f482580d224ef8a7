package io.github.blip2j.core.caption;

import io.github.blip2j.core.config.TextConfig;
import io.github.blip2j.core.generation.PromptBatch;
import io.github.blip2j.core.text.TextTokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns per-image prompts into one padded {@link PromptBatch}, as {@code Blip2Processor} would: each
 * prompt is tokenized with the family's special tokens (T5 appends {@code </s>}, OPT prepends its
 * bos), rows are padded with {@code pad_token_id} on the right for Flan-T5 and on the left for OPT.
 * An image without a prompt gets {@code [bos_token_id]}, which is what {@code generate()} feeds when
 * it receives no {@code input_ids}. Internal to blip2-core's captioner; thread-safe.
 */
public final class PromptEncoder {

    private final TextTokenizer tokenizer;
    private final TextConfig text;

    /** @param tokenizer may be null when no prompt will ever be given */
    public PromptEncoder(TextTokenizer tokenizer, TextConfig text) {
        this.tokenizer = tokenizer;
        this.text = text;
    }

    /**
     * Encodes a batch of prompts.
     *
     * @param prompts one entry per image, {@code null} for none
     * @return the padded batch, or {@code null} when no image has a prompt (the generation session
     *     then uses bos for every image)
     * @throws IllegalStateException when a prompt is given but there is no tokenizer, or prompts are
     *     mixed with unprompted images and the config has no {@code bos_token_id}
     */
    public PromptBatch encode(List<String> prompts) {
        if (prompts.stream().allMatch(p -> p == null)) {
            return null;
        }
        if (tokenizer == null) {
            throw new IllegalStateException("a prompt was given but the captioner has no tokenizer (tokenizer.json)");
        }
        List<long[]> rows = new ArrayList<>(prompts.size());
        for (int i = 0; i < prompts.size(); i++) {
            String p = prompts.get(i);
            long[] ids = p == null ? null : tokenizer.encode(p);
            rows.add(ids == null || ids.length == 0 ? bosRow(i) : ids);
        }
        return PromptBatch.pad(rows, padId(), !text.isEncoderDecoder());
    }

    /** Checks that {@code prompt} tokenizes (fails early, e.g. in a builder). */
    public long[] encodeOne(String prompt) {
        return encode(List.of(prompt)).inputIds()[0];
    }

    private long[] bosRow(int index) {
        Integer bos = text.bosTokenId();
        if (bos == null) {
            throw new IllegalStateException("image " + index + " has no prompt (or an empty one) while others do,"
                    + " and text_config.bos_token_id is not set, so there is nothing to feed it; give every image"
                    + " a prompt");
        }
        return new long[] {bos};
    }

    private long padId() {
        if (text.padTokenId() != null) {
            return text.padTokenId();
        }
        if (tokenizer != null && tokenizer.padTokenId().isPresent()) {
            return tokenizer.padTokenId().getAsLong();
        }
        return 0;
    }
}
