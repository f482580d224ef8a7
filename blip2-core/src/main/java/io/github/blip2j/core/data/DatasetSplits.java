package io.github.blip2j.core.data;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Train, validation and test parts of a data set; no image (by id or by file) is in two of them.
 *
 * @param train      images to train on
 * @param validation images to choose checkpoints on (may be empty)
 * @param test       images to report on (may be empty)
 */
public record DatasetSplits(CaptionDataset train, CaptionDataset validation, CaptionDataset test) {

    public DatasetSplits {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(test, "test");
        Map<String, String> seenIds = new HashMap<>();
        Map<Path, String> seenFiles = new HashMap<>();
        check(train, "train", seenIds, seenFiles);
        check(validation, "validation", seenIds, seenFiles);
        check(test, "test", seenIds, seenFiles);
    }

    private static void check(CaptionDataset part, String name, Map<String, String> ids, Map<Path, String> files) {
        for (CaptionRecord r : part.records()) {
            String other = ids.putIfAbsent(r.imageId(), name);
            if (other == null) {
                other = files.putIfAbsent(r.imagePath().toAbsolutePath().normalize(), name);
            }
            if (other != null) {
                throw new IllegalArgumentException("image '" + r.imageId() + "' (" + r.imagePath() + ") is in both the "
                        + other + " and the " + name + " split; splits must be grouped by image");
            }
        }
    }

    /** The part for a split label. */
    public CaptionDataset get(Split split) {
        return switch (split) {
            case TRAIN -> train;
            case VALIDATION -> validation;
            case TEST -> test;
        };
    }

    @Override
    public String toString() {
        return "DatasetSplits[train=" + train.size() + ", validation=" + validation.size() + ", test="
                + test.size() + " images]";
    }
}
