package io.github.blip2j.core.data;

/** How hard a reader checks the images its rows point to. */
public enum ImageCheck {
    /** Trust the file names (fastest; a bad image fails later, when it is loaded). */
    NONE,
    /** The file must exist and be readable. */
    EXISTS,
    /** The file must also be in a format ImageIO reads, with a readable header (width, height). Default. */
    HEADER
}
