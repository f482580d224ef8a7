package io.github.blip2j.examples.caption;

import java.nio.file.Path;

/**
 * One image to caption.
 *
 * @param label the image as the user wrote it (reported back in the output)
 * @param path where to read it
 * @param prompt its own prompt, or {@code null} for the command's {@code --prompt}
 */
record ManifestEntry(String label, Path path, String prompt) {}
