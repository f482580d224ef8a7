package io.github.blip2j.metrics.ptb;

/** What the lexer does with the text a rule matched (PTB3 escaping defaults, non-strict mode). */
enum TokenAction {
    /** Emit the text unchanged. */
    KEEP,
    /** Emit the text with soft hyphens (U+00AD) removed ({@code -} if nothing is left). */
    REMOVE_SOFT_HYPHENS,
    /** Emit the text with every {@code &amp;} (any case) replaced by {@code &}. */
    NORMALIZE_AMP,
    /** Emit the text with spaces turned into non-breaking spaces. */
    SPACES_TO_NBSP,
    /** Emit a fixed string (see the rule's literal). */
    LITERAL,
    /** Emit all but the last {@code pushback} characters, which are scanned again. */
    PUSHBACK,
    /** Emit the text including its final period, then scan that period again. */
    REPEAT_PERIOD,
    /** An acronym before a sentence-starting word: see {@link PtbLexer}. */
    ACRONYM_BEFORE_SENTENCE,
    /** Quote characters (and reduced auxiliaries) as LaTeX-style right quotes. */
    QUOTE_RIGHT,
    /** Quote characters as LaTeX-style left quotes. */
    QUOTE_LEFT,
    /** Vulgar fractions U+00BC, U+00BD, U+00BE, U+2153, U+2154 spelled out ({@code 1/2}...). */
    FRACTION,
    /** Cent, pound and generic currency signs normalised ({@code cents}, {@code #}, {@code $}). */
    CURRENCY,
    /** Spaces to non-breaking spaces and parentheses to {@code -LRB-}/{@code -RRB-}. */
    PHONE,
    /** Parentheses to {@code -LRB-}/{@code -RRB-}. */
    PARENS,
    /** Three or four hyphens become {@code --}. */
    HYPHENS,
    /** Any ellipsis becomes {@code ...}. */
    ELLIPSIS,
    /** Whitespace and ignorable characters: no token. */
    SKIP,
    /** A character no rule covers: deleted (the reference warns once on stderr). */
    DELETE
}
