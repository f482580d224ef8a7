package io.github.blip2j.core.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One image of a captioning data set with all its reference captions (5 per image in Flickr8k).
 *
 * @param imageId   the key predictions and references are matched on: the file name for Flickr8k,
 *                  Karpathy and CSV data, the numeric image id for COCO
 * @param imagePath where the image file is
 * @param captions  the captions, in file order, at least one
 * @param split     the split the source file assigns (Karpathy JSON), or {@code null}
 */
public record CaptionRecord(String imageId, Path imagePath, List<String> captions, Split split) {

    public CaptionRecord {
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(imagePath, "imagePath");
        captions = List.copyOf(captions);
        if (captions.isEmpty()) {
            throw new IllegalArgumentException("image '" + imageId + "' needs at least one caption");
        }
    }

    /** The split label of the source file, if it has one. */
    public Optional<Split> splitLabel() {
        return Optional.ofNullable(split);
    }
}
