package io.github.blip2j.core;

import java.util.Arrays;
import java.util.Objects;

/**
 * One generated caption.
 *
 * @param text the decoded caption, special tokens skipped and surrounding whitespace trimmed (as
 *     {@code batch_decode(..., skip_special_tokens=True)} followed by {@code strip()}); empty when
 *     the {@link Captioner} has no tokenizer
 * @param tokenIds the newly generated ids, up to and including eos when one was generated: no
 *     decoder start / bos token, no padding
 * @param score Hugging Face's {@code sequences_scores} for beam search (sum of log-probs divided by
 *     {@code length ** length_penalty}); the sum of the chosen tokens' log-probabilities otherwise
 * @param image the input this caption is for, as it was passed (a {@code Path}, {@code
 *     BufferedImage}, DJL {@code Image}, ... ; for a {@link CaptionRequest}, its image)
 * @param prompt the prompt the caption continues, or {@code null}
 * @param index position of the input in the list passed to {@link Captioner#caption(java.util.List)}
 * @param sequence which of the input's {@code numReturnSequences} captions this is (0 = best for beam
 *     search)
 */
public record Caption(String text, int[] tokenIds, double score, Object image, String prompt, int index,
        int sequence) {

    /** Copies {@code tokenIds}. */
    public Caption {
        Objects.requireNonNull(text, "text");
        tokenIds = tokenIds.clone();
    }

    /** The generated ids (a copy). */
    @Override
    public int[] tokenIds() {
        return tokenIds.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Caption c && text.equals(c.text) && Arrays.equals(tokenIds, c.tokenIds)
                && Double.compare(score, c.score) == 0 && Objects.equals(image, c.image)
                && Objects.equals(prompt, c.prompt) && index == c.index && sequence == c.sequence;
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, Arrays.hashCode(tokenIds), score, image, prompt, index, sequence);
    }

    @Override
    public String toString() {
        return "Caption[" + index + "." + sequence + " \"" + text + "\" " + Arrays.toString(tokenIds) + " score="
                + score + "]";
    }
}
