package io.github.blip2j.core.data;

import java.nio.file.Path;

/**
 * One (image, caption) training pair; an image with five captions gives five examples, as LAVIS's
 * caption datasets iterate over annotations rather than images.
 *
 * @param imageId      the image's id in its {@link CaptionRecord}
 * @param imagePath    the image file
 * @param caption      one reference caption
 * @param captionIndex its position among the image's captions
 */
public record CaptionExample(String imageId, Path imagePath, String caption, int captionIndex) {
}
