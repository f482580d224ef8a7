package io.github.blip2j.core.data;

import java.nio.file.Path;
import java.util.List;

/**
 * What reading a data set found, for the training log.
 *
 * @param source          the annotation file
 * @param images          images kept
 * @param captions        captions kept
 * @param malformedRows   rows dropped as malformed
 * @param missingImages   images dropped because the file does not exist or cannot be opened
 * @param unreadableImages images dropped because they cannot be decoded
 * @param droppedCaptions captions lost with the dropped images
 * @param problems        every problem, in file order
 */
public record DatasetReport(Path source, int images, int captions, int malformedRows, int missingImages,
                            int unreadableImages, int droppedCaptions, List<DatasetProblem> problems) {

    public DatasetReport {
        problems = List.copyOf(problems);
    }

    /** A report for a data set built in memory. */
    static DatasetReport clean(Path source, int images, int captions) {
        return new DatasetReport(source, images, captions, 0, 0, 0, 0, List.of());
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** One line: "read 8091 images, 40455 captions from X; skipped 1 missing image (5 captions), ...". */
    public String summary() {
        StringBuilder s = new StringBuilder("read ").append(images).append(" images, ").append(captions)
                .append(" captions from ").append(source == null ? "memory" : source);
        if (hasProblems()) {
            s.append("; skipped ").append(malformedRows).append(" malformed rows, ").append(missingImages)
                    .append(" missing and ").append(unreadableImages).append(" unreadable images (")
                    .append(droppedCaptions).append(" captions)");
        }
        return s.toString();
    }
}
