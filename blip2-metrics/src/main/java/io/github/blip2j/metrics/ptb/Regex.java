package io.github.blip2j.metrics.ptb;

import java.util.List;

/** A regular expression over UTF-16 code units, as the lexer grammar is written. */
sealed interface Regex {

    /** One code unit out of {@code set}. */
    record Chars(CharSet set) implements Regex {
    }

    /** The parts one after the other. */
    record Seq(List<Regex> parts) implements Regex {
    }

    /** Any one of the options. */
    record Alt(List<Regex> options) implements Regex {
    }

    /** {@code body} repeated {@code min..max} times; {@code max < 0} means unbounded. */
    record Repeat(Regex body, int min, int max) implements Regex {
    }

    static Regex seq(Regex... parts) {
        return parts.length == 1 ? parts[0] : new Seq(List.of(parts));
    }

    static Regex alt(Regex... options) {
        return options.length == 1 ? options[0] : new Alt(List.of(options));
    }
}
