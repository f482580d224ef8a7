package io.github.blip2j.metrics.ptb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses the JFlex-style pattern notation the PTB grammar is written in: literals (matched
 * case-insensitively, like a {@code %caseless} JFlex scanner; character classes stay
 * case-sensitive), {@code [...]} classes with ranges and {@code ^} negation, {@code [^]} (any
 * code unit), {@code [:letter:]}, {@code [:digit:]} and {@code [:uppercase:]}, {@code .}, escapes
 * ({@code \\uXXXX}, {@code \\xXX}, {@code \\0}, {@code \\t}, {@code \\n}, {@code \\r}, {@code \\f},
 * anything else literal), groups, {@code | * + ?}, {@code {m}}, {@code {m,n}}, macro references
 * {@code {NAME}} and JFlex's "up to" operator {@code ~} (only over a single character class).
 */
final class RegexParser {

    private final String src;
    private final Map<String, Regex> macros;
    private final UnicodeClasses unicode;
    private int pos;

    private RegexParser(String src, Map<String, Regex> macros, UnicodeClasses unicode) {
        this.src = src;
        this.macros = macros;
        this.unicode = unicode;
    }

    static Regex parse(String pattern, Map<String, Regex> macros, UnicodeClasses unicode) {
        RegexParser p = new RegexParser(pattern, macros, unicode);
        Regex r = p.alternation();
        if (p.pos != pattern.length()) {
            throw p.error("unexpected '" + pattern.charAt(p.pos) + "'");
        }
        return r;
    }

    private Regex alternation() {
        List<Regex> options = new ArrayList<>();
        options.add(sequence());
        while (more() && peek() == '|') {
            pos++;
            options.add(sequence());
        }
        return options.size() == 1 ? options.get(0) : new Regex.Alt(List.copyOf(options));
    }

    private Regex sequence() {
        List<Regex> parts = new ArrayList<>();
        while (more() && peek() != '|' && peek() != ')') {
            parts.add(postfix());
        }
        if (parts.isEmpty()) {
            throw error("empty expression");
        }
        return parts.size() == 1 ? parts.get(0) : new Regex.Seq(List.copyOf(parts));
    }

    private Regex postfix() {
        Regex r = atom();
        while (more()) {
            char c = peek();
            if (c == '*') {
                pos++;
                r = new Regex.Repeat(r, 0, -1);
            } else if (c == '+') {
                pos++;
                r = new Regex.Repeat(r, 1, -1);
            } else if (c == '?') {
                pos++;
                r = new Regex.Repeat(r, 0, 1);
            } else if (c == '{' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1))) {
                pos++;
                int min = number();
                int max = min;
                if (peek() == ',') {
                    pos++;
                    max = number();
                }
                expect('}');
                r = new Regex.Repeat(r, min, max);
            } else {
                break;
            }
        }
        return r;
    }

    private Regex atom() {
        char c = src.charAt(pos);
        switch (c) {
            case '(' -> {
                pos++;
                Regex inner = alternation();
                expect(')');
                return inner;
            }
            case '[' -> {
                return new Regex.Chars(charClass());
            }
            case '{' -> {
                int close = src.indexOf('}', pos);
                if (close < 0) {
                    throw error("unclosed macro reference");
                }
                String name = src.substring(pos + 1, close);
                Regex macro = macros.get(name);
                if (macro == null) {
                    throw error("unknown macro {" + name + "}");
                }
                pos = close + 1;
                return macro;
            }
            case '.' -> {
                pos++;
                return new Regex.Chars(CharSet.of('\n').complement());
            }
            case '~' -> {
                pos++;
                Regex target = atom();
                if (!(target instanceof Regex.Chars chars)) {
                    throw error("'~' is only supported before a single character class");
                }
                // Up to the first match of the class, never across a line break (see the grammar file).
                CharSet before = chars.set().union(CharSet.of('\n')).complement();
                return Regex.seq(new Regex.Repeat(new Regex.Chars(before), 0, -1), target);
            }
            case '\\' -> {
                pos++;
                return new Regex.Chars(CharSet.of(escape()));
            }
            default -> {
                pos++;
                return new Regex.Chars(caseless(c));
            }
        }
    }

    /**
     * A literal in a {@code %caseless} scanner: the character and every code unit with the same
     * upper or lower case, as JFlex computes it (so {@code i} also matches U+0130 and U+0131,
     * {@code s} U+017F and {@code k} the Kelvin sign).
     */
    static CharSet caseless(char c) {
        return CASELESS.computeIfAbsent(c, RegexParser::computeCaseless);
    }

    private static final java.util.Map<Character, CharSet> CASELESS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The code units outside ASCII whose upper or lower case is an ASCII letter: U+0130 (lower
     * case i), U+0131 (upper case I), U+017F (upper case S), U+212A (lower case k).
     */
    private static final char[] FOLDS_TO_ASCII = {'\u0130', '\u0131', '\u017F', '\u212A'};

    private static CharSet computeCaseless(char c) {
        CharSet set = CharSet.of(c);
        set = set.union(CharSet.of(Character.toLowerCase(c)));
        set = set.union(CharSet.of(Character.toUpperCase(c)));
        set = set.union(CharSet.of(Character.toTitleCase(c)));
        char lower = Character.toLowerCase(c);
        char upper = Character.toUpperCase(c);
        // every pattern literal is ASCII, so only these can join it; scan everything otherwise
        char[] candidates = c < 0x80 ? FOLDS_TO_ASCII : allCaseMapped();
        for (char other : candidates) {
            if (Character.toLowerCase(other) == lower || Character.toUpperCase(other) == upper) {
                set = set.union(CharSet.of(other));
            }
        }
        return set;
    }

    private static char[] allCaseMapped() {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c <= CharSet.MAX; c++) {
            char ch = (char) c;
            if (Character.toLowerCase(ch) != ch || Character.toUpperCase(ch) != ch) {
                sb.append(ch);
            }
        }
        return sb.toString().toCharArray();
    }

    private CharSet charClass() {
        String name = namedClassAt(pos);
        if (name != null) {
            pos += name.length() + 4;
            return unicode.named(name);
        }
        expect('[');
        boolean negated = false;
        if (peek() == '^') {
            negated = true;
            pos++;
            if (peek() == ']') {
                pos++;
                return CharSet.ALL;
            }
        }
        CharSet set = CharSet.EMPTY;
        while (peek() != ']') {
            if (namedClassAt(pos) != null) {
                set = set.union(charClass());
                continue;
            }
            char lo = classChar();
            if (peek() == '-' && pos + 1 < src.length() && src.charAt(pos + 1) != ']') {
                pos++;
                char hi = classChar();
                set = set.union(CharSet.range(lo, hi));
            } else {
                set = set.union(CharSet.of(lo));
            }
        }
        pos++;
        return negated ? set.complement() : set;
    }

    /** The name if {@code [:name:]} starts at {@code at} (a class like {@code [:;=]} is not one). */
    private String namedClassAt(int at) {
        if (!src.startsWith("[:", at)) {
            return null;
        }
        int end = at + 2;
        while (end < src.length() && Character.isLowerCase(src.charAt(end))) {
            end++;
        }
        return end > at + 2 && src.startsWith(":]", end) ? src.substring(at + 2, end) : null;
    }

    private char classChar() {
        char c = src.charAt(pos++);
        return c == '\\' ? escape() : c;
    }

    private char escape() {
        char c = src.charAt(pos++);
        switch (c) {
            case 'u' -> {
                char v = (char) Integer.parseInt(src.substring(pos, pos + 4), 16);
                pos += 4;
                return v;
            }
            case 'x' -> {
                char v = (char) Integer.parseInt(src.substring(pos, pos + 2), 16);
                pos += 2;
                return v;
            }
            case '0' -> {
                return '\0';
            }
            case 't' -> {
                return '\t';
            }
            case 'n' -> {
                return '\n';
            }
            case 'r' -> {
                return '\r';
            }
            case 'f' -> {
                return '\f';
            }
            default -> {
                return c;
            }
        }
    }

    private int number() {
        int start = pos;
        while (Character.isDigit(peek())) {
            pos++;
        }
        return Integer.parseInt(src.substring(start, pos));
    }

    private void expect(char c) {
        if (!more() || src.charAt(pos) != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private boolean more() {
        return pos < src.length();
    }

    private char peek() {
        if (!more()) {
            throw error("unexpected end");
        }
        return src.charAt(pos);
    }

    private IllegalStateException error(String what) {
        return new IllegalStateException("PTB grammar pattern " + src + " at " + pos + ": " + what);
    }
}
