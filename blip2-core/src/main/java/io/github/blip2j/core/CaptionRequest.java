package io.github.blip2j.core;

import java.util.Objects;

/**
 * One image with its own prompt, for batches in which images get different prompts:
 * {@code captioner.caption(List.of(new CaptionRequest(a, "a photo of"), new CaptionRequest(b, null)))}.
 * Prompts of one batch are padded together (right for Flan-T5, left for OPT), as {@code Blip2Processor}
 * pads them.
 *
 * @param image a {@code java.nio.file.Path}, {@code java.awt.image.BufferedImage} or DJL
 *     {@code ai.djl.modality.cv.Image}
 * @param prompt text the caption continues, or {@code null} for the captioner's default prompt (and,
 *     if it has none, no prompt: Hugging Face then feeds {@code bos_token_id})
 */
public record CaptionRequest(Object image, String prompt) {

    /** Rejects a null image. */
    public CaptionRequest {
        Objects.requireNonNull(image, "image");
    }

    /** A request without a prompt of its own. */
    public static CaptionRequest of(Object image) {
        return new CaptionRequest(image, null);
    }
}
