package io.github.blip2j.core.data;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Turns I/O failures on annotation files into {@link DatasetException}s that name the file. */
final class IoErrors {

    private static final int EXCERPT = 80;

    private IoErrors() {
    }

    static DatasetException reading(String what, Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new DatasetException(what + " " + file + " does not exist", e);
        }
        if (e instanceof CharacterCodingException) {
            return new DatasetException(what + " " + file + " is not valid UTF-8 text", e);
        }
        return new DatasetException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
    }

    /** The start of a long value, for error messages. */
    static String excerpt(String s) {
        return s.length() <= EXCERPT ? s : s.substring(0, EXCERPT) + "...";
    }
}
