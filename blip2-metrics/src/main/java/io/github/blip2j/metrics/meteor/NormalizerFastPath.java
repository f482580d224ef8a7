package io.github.blip2j.metrics.meteor;

/**
 * The rewriting steps of {@link MeteorNormalizer} without regular expressions, for the common
 * case: text without surrogate pairs, without {@code ..} and without the marker
 * {@code DOTMULTI} (see {@link #applies}). Each step reproduces one regex replacement of Meteor's,
 * including how {@code replaceAll} consumes the characters around a match (in {@code a,b,c}
 * only the first comma is split by the non-digit rule). Equality with the regex path is tested
 * on random text.
 */
final class NormalizerFastPath {

    private static final byte ALPHA = 1;
    private static final byte DIGIT = 2;
    /** Java regex {@code \s}: space, tab, LF, VT, FF, CR. */
    private static final byte REGEX_SPACE = 4;
    /** Characters Meteor does not wrap in spaces besides letters, digits and \s. */
    private static final byte NOT_SEPARATED = 8;
    /** The space characters Meteor collapses at the end. */
    private static final byte COLLAPSED_SPACE = 16;

    private static final byte[] CLASS = new byte[65536];

    static {
        range('A', 'Z', ALPHA);
        range('a', 'z', ALPHA);
        for (char c : new char[] {'\u0160', '\u017D', '\u0161', '\u017E', '\u0178'}) {
            range(c, c, ALPHA);
        }
        range('\u00C0', '\u00D6', ALPHA);
        range('\u00D8', '\u00F6', ALPHA);
        range('\u00F8', '\u017E', ALPHA);
        range('\u0400', '\u04FF', ALPHA);
        range('\u0500', '\u0527', ALPHA);
        range('\uA640', '\uA66E', ALPHA);
        range('\uA67E', '\uA697', ALPHA);
        range('\u1D00', '\u1D7F', ALPHA);
        range('0', '9', DIGIT);
        for (char c : new char[] {' ', '\t', '\n', '\u000B', '\f', '\r'}) {
            range(c, c, REGEX_SPACE);
        }
        for (char c : new char[] {'.', '\'', '`', ',', '-', '\u2018', '\u2019'}) {
            range(c, c, NOT_SEPARATED);
        }
        for (char c : new char[] {' ', '\u202F', '\u205F', '\u3000', '\u00A0'}) {
            range(c, c, COLLAPSED_SPACE);
        }
        range('\u2000', '\u200A', COLLAPSED_SPACE);
    }

    private static void range(char from, char to, byte flag) {
        for (int c = from; c <= to; c++) {
            CLASS[c] |= flag;
        }
    }

    private NormalizerFastPath() {
    }

    static boolean isAlpha(char c) {
        return (CLASS[c] & ALPHA) != 0;
    }

    private static boolean isAlnum(char c) {
        return (CLASS[c] & (ALPHA | DIGIT)) != 0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** True if {@link #rewrite} gives the same text as the regex steps for this line. */
    static boolean applies(String line) {
        if (line.contains("..") || line.contains("DOTMULTI")) {
            return false;
        }
        for (int i = 0; i < line.length(); i++) {
            if (Character.isSurrogate(line.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Meteor's steps up to (not including) the period handling, for a line where {@link #applies} holds. */
    static String rewrite(String line) {
        String s = separateSymbols(" " + line + " ");
        s = commas(s);
        s = quotes(s);
        s = s.replace("\u2013", "-").replace("--", "-");
        s = innerDashes(s);
        return apostrophes(s);
    }

    /** Collapses Meteor's space characters to one space and trims. */
    static String collapseSpaces(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean inSpace = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((CLASS[c] & COLLAPSED_SPACE) != 0) {
                if (!inSpace) {
                    out.append(' ');
                    inSpace = true;
                }
            } else {
                out.append(c);
                inSpace = false;
            }
        }
        return out.toString().trim();
    }

    private static String separateSymbols(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((CLASS[c] & (ALPHA | DIGIT | REGEX_SPACE | NOT_SEPARATED)) == 0) {
                out.append(' ').append(c).append(' ');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A character test for one side of a three-character rule {@code (X) c (Y)}. */
    private interface CharTest {
        boolean test(char c);
    }

    /**
     * {@code replaceAll("(X)c(Y)", "$1" + replacement + "$2")}: matches are found left to right
     * and a match consumes its Y, so Y cannot be the X of the next match.
     */
    private static String replaceTriples(String s, CharTest x, char middle, CharTest y, String replacement) {
        if (s.indexOf(middle) < 0) {
            return s;
        }
        StringBuilder out = null;
        int i = 0;
        int copied = 0;
        while (i + 2 < s.length()) {
            char a = s.charAt(i);
            if (s.charAt(i + 1) == middle && x.test(a) && y.test(s.charAt(i + 2))) {
                if (out == null) {
                    out = new StringBuilder(s.length() + 16);
                }
                out.append(s, copied, i + 1).append(replacement).append(s.charAt(i + 2));
                i += 3;
                copied = i;
            } else {
                i++;
            }
        }
        if (out == null) {
            return s;
        }
        return out.append(s, copied, s.length()).toString();
    }

    private static String commas(String s) {
        s = replaceTriples(s, c -> !isDigit(c), ',', c -> !isDigit(c), " , ");
        s = replaceTriples(s, NormalizerFastPath::isDigit, ',', c -> !isDigit(c), " , ");
        return replaceTriples(s, c -> !isDigit(c), ',', NormalizerFastPath::isDigit, " , ");
    }

    private static String quotes(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '`' || c == '\u2018' || c == '\u2019') {
                c = '\'';
            }
            out.append(c);
        }
        String single = out.toString();
        if (single.indexOf('\u201C') < 0 && single.indexOf('\u201D') < 0 && !single.contains("''")) {
            return single;
        }
        out.setLength(0);
        for (int i = 0; i < single.length(); i++) {
            char c = single.charAt(i);
            if (c == '\u201C' || c == '\u201D') {
                out.append(" \" ");
            } else if (c == '\'' && i + 1 < single.length() && single.charAt(i + 1) == '\'') {
                out.append(" \" ");
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String innerDashes(String s) {
        return replaceTriples(s, c -> isAlnum(c) || c == '.', '-', NormalizerFastPath::isAlnum, " ");
    }

    private static String apostrophes(String s) {
        s = replaceTriples(s, c -> !isAlpha(c), '\'', c -> !isAlpha(c), " ' ");
        s = replaceTriples(s, c -> !isAlpha(c) && !isDigit(c), '\'', NormalizerFastPath::isAlpha, " ' ");
        s = replaceTriples(s, NormalizerFastPath::isAlpha, '\'', c -> !isAlpha(c), " ' ");
        s = replaceTriples(s, NormalizerFastPath::isAlpha, '\'', NormalizerFastPath::isAlpha, " '");
        return replaceTriples(s, NormalizerFastPath::isDigit, '\'', c -> c == 's', " '");
    }
}
