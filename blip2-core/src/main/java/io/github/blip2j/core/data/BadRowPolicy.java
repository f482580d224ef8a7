package io.github.blip2j.core.data;

/** What to do with a malformed row or a missing/unreadable image. */
public enum BadRowPolicy {
    /** Stop with a {@link DatasetException} that lists the problems (default). */
    FAIL,
    /** Drop the row (or every row of the image), count it in the {@link DatasetReport}, log a warning. */
    SKIP
}
