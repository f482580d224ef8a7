package io.github.blip2j.core.data;

import java.nio.file.Path;

/**
 * Something wrong in a data set's files.
 *
 * @param kind   what is wrong
 * @param file   the annotation file (for rows) or image file (for images)
 * @param line   1-based line of the annotation file the row starts on, 0 when not applicable
 * @param detail what was expected
 */
public record DatasetProblem(Kind kind, Path file, long line, String detail) {

    /** The kinds of problem. */
    public enum Kind { MALFORMED_ROW, MISSING_IMAGE, UNREADABLE_IMAGE }

    /** {@code file:line: detail}, or {@code file: detail} without a line. */
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + detail;
    }
}
