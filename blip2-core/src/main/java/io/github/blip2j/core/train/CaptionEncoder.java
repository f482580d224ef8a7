package io.github.blip2j.core.train;

import io.github.blip2j.core.config.TextConfig;
import io.github.blip2j.core.generation.PromptBatch;
import io.github.blip2j.core.model.CrossEntropy;
import io.github.blip2j.core.text.TextTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Turns (prompt, caption) pairs into model inputs the way Hugging Face's BLIP-2 training does.
 *
 * <ul>
 *   <li>T5 (encoder-decoder): {@code input_ids} = the tokenized prompt ({@code ... </s>}; an empty
 *       prompt is just {@code </s>}), right-padded; {@code labels} = the tokenized caption, which the
 *       T5 tokenizer ends with {@code </s>}, right-padded with -100. The decoder inputs are the labels
 *       shifted right inside the model.
 *   <li>OPT (decoder-only): {@code input_ids} = {@code bos + prompt + caption + eos}, right-padded;
 *       {@code labels} = the same ids with bos, prompt and padding set to -100.
 * </ul>
 * Captions longer than {@code maxTargetTokens} are cut, keeping the final eos.
 */
final class CaptionEncoder {

    private final TextTokenizer tokenizer;
    private final boolean encoderDecoder;
    private final long eos;
    private final long pad;
    private final String prompt;
    private final long[] promptIds;
    private final int maxTargetTokens;

    CaptionEncoder(TextTokenizer tokenizer, TextConfig text, String prompt, int maxTargetTokens) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.encoderDecoder = text.isEncoderDecoder();
        Integer eosId = text.eosTokenId();
        this.eos = eosId != null ? eosId : tokenizer.eosTokenId().orElseThrow(() -> new IllegalArgumentException(
                "neither text_config.eos_token_id nor the tokenizer's eos_token is set; captions need an end token"));
        Integer padId = text.padTokenId();
        this.pad = padId != null ? padId : tokenizer.padTokenId().orElse(eos);
        this.prompt = prompt == null ? "" : prompt;
        this.promptIds = tokenizer.encode(this.prompt);
        this.maxTargetTokens = maxTargetTokens;
    }

    /** The prompt's ids (with the tokenizer's special tokens). */
    long[] promptIds() {
        return promptIds.clone();
    }

    /** The generation prompt for {@code n} images: the tokenized prompt on every row. */
    PromptBatch prompts(int n) {
        long[][] rows = new long[n][];
        Arrays.fill(rows, promptIds);
        return PromptBatch.of(rows);
    }

    /** Encodes one batch; {@code pixels} are the batch's stacked images. */
    TrainingBatch encode(List<String> captions, float[] pixels, int height, int width) {
        int b = captions.size();
        if (encoderDecoder) {
            List<long[]> targets = new ArrayList<>(b);
            for (String c : captions) {
                targets.add(withEos(tokenizer.encode(c), maxTargetTokens));
            }
            long[][] ids = new long[b][];
            long[][] mask = new long[b][];
            for (int i = 0; i < b; i++) {
                ids[i] = promptIds.clone();
                mask[i] = ones(promptIds.length);
            }
            long[][] labels = padded(targets, CrossEntropy.IGNORE_INDEX);
            return new TrainingBatch(pixels, height, width, ids, mask, labels, count(targets, 0));
        }
        // OPT: prompt and caption are tokenized together (as LAVIS does), so the caption's first word
        // gets the same BPE token it would get after the prompt; the prompt's length decides the mask.
        List<long[]> full = new ArrayList<>(b);
        for (String c : captions) {
            full.add(withEos(tokenizer.encode(prompt + c), promptIds.length + maxTargetTokens));
        }
        long[][] ids = padded(full, pad);
        long[][] mask = new long[b][];
        long[][] labels = padded(full, CrossEntropy.IGNORE_INDEX);
        for (int i = 0; i < b; i++) {
            mask[i] = new long[ids[i].length];
            Arrays.fill(mask[i], 0, full.get(i).length, 1L);
            Arrays.fill(labels[i], 0, Math.min(promptIds.length, labels[i].length), CrossEntropy.IGNORE_INDEX);
        }
        return new TrainingBatch(pixels, height, width, ids, mask, labels, count(full, promptIds.length));
    }

    /** {@code ids} ending with eos and at most {@code max} long (the last kept token becomes eos). */
    private long[] withEos(long[] ids, int max) {
        if (ids.length == 0 || ids[ids.length - 1] != eos) {
            ids = Arrays.copyOf(ids, ids.length + 1);
            ids[ids.length - 1] = eos;
        }
        if (ids.length > max) {
            ids = Arrays.copyOf(ids, max);
            ids[max - 1] = eos;
        }
        return ids;
    }

    private static long[][] padded(List<long[]> rows, long fill) {
        int len = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        long[][] out = new long[rows.size()][len];
        for (int i = 0; i < rows.size(); i++) {
            Arrays.fill(out[i], fill);
            System.arraycopy(rows.get(i), 0, out[i], 0, rows.get(i).length);
        }
        return out;
    }

    private static long[] ones(int n) {
        long[] m = new long[n];
        Arrays.fill(m, 1L);
        return m;
    }

    private static int count(List<long[]> rows, int skipped) {
        return rows.stream().mapToInt(t -> Math.max(0, t.length - skipped)).sum();
    }
}
