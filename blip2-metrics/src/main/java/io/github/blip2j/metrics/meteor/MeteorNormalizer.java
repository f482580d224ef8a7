package io.github.blip2j.metrics.meteor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringTokenizer;
import java.util.regex.Pattern;

/**
 * Meteor 1.5's English {@code -norm} normalisation (Moses-style tokenisation with Meteor's
 * additions), followed by lower-casing.
 *
 * <p>The rules are Meteor's and are reproduced here exactly, because they decide which tokens
 * the matcher sees: punctuation other than {@code . ' ` , -} is split off, commas are split
 * except inside numbers, curly quotes and dashes are normalised, word-internal hyphens become
 * spaces, English contractions are split to the right ({@code it's} -> {@code it 's}), dotted
 * abbreviations lose their dots ({@code u.s.} -> {@code us}) and a final period is split off
 * unless the token is a known non-breaking prefix or the next token starts with a lower-case
 * ASCII letter. Character classes are Meteor's: ASCII digits, Latin-1/Latin Extended-A and
 * Cyrillic letters count as alphanumeric; everything else (CJK, combining marks, symbols) is
 * split into its own token. Thread-safe.
 */
final class MeteorNormalizer {

    private static final String ALPHA = "A-Za-z\u0160\u017D\u0161\u017E\u0178\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u017E"
            + "\u0400-\u04FF\u0500-\u0527\uA640-\uA66E\uA67E-\uA697\u1D00-\u1D7F";
    private static final String ALNUM = "0-9" + ALPHA;

    private static final Pattern SEPARATE_SYMBOLS =
            Pattern.compile("([^" + ALNUM + "\\s.'`,\\-\u2018\u2019])");
    private static final Pattern MULTI_DOT = Pattern.compile("\\.(\\.+)");
    private static final Pattern MULTI_DOT_NEXT = Pattern.compile("DOTMULTI\\.([^.])");
    private static final Pattern COMMA_BETWEEN_NON_DIGITS = Pattern.compile("([^0-9]),([^0-9])");
    private static final Pattern COMMA_AFTER_DIGIT = Pattern.compile("([0-9]),([^0-9])");
    private static final Pattern COMMA_BEFORE_DIGIT = Pattern.compile("([^0-9]),([0-9])");
    private static final Pattern SINGLE_QUOTES = Pattern.compile("[`\u2018\u2019]");
    private static final Pattern DOUBLE_QUOTES = Pattern.compile("[\u201C\u201D]|''");
    private static final Pattern INNER_DASH = Pattern.compile("([" + ALNUM + ".])-([" + ALNUM + "])");
    private static final Pattern APOSTROPHE_ALONE = Pattern.compile("([^" + ALPHA + "])'([^" + ALPHA + "])");
    private static final Pattern APOSTROPHE_BEFORE_WORD =
            Pattern.compile("([^" + ALPHA + "0-9])'([" + ALPHA + "])");
    private static final Pattern APOSTROPHE_AFTER_WORD = Pattern.compile("([" + ALPHA + "])'([^" + ALPHA + "])");
    private static final Pattern CONTRACTION = Pattern.compile("([" + ALPHA + "])'([" + ALPHA + "])");
    private static final Pattern DECADE = Pattern.compile("([0-9])'(s)");
    private static final Pattern WHITESPACE =
            Pattern.compile("[ \u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u202F\u205F\u3000\u00A0]+");

    /** Placeholder that protects runs of dots while single periods are split (Meteor's own marker). */
    private static final String DOTMULTI = "DOTMULTI";
    private static final String DOTDOTMULTI = "DOTDOTMULTI";

    private final Map<String, Boolean> nonBreakingPrefixes;

    /** @param nonBreakingPrefixes prefix -> true if it is non-breaking only before a number */
    MeteorNormalizer(Map<String, Boolean> nonBreakingPrefixes) {
        this.nonBreakingPrefixes = Map.copyOf(nonBreakingPrefixes);
    }

    /** Normalises and lower-cases one line; the result is space-separated tokens. */
    String normalize(String line) {
        String s;
        if (NormalizerFastPath.applies(line)) {
            s = NormalizerFastPath.rewrite(line);
            s = NormalizerFastPath.collapseSpaces(splitPeriods(s));
        } else {
            s = normalizeWithRegexes(line);
        }
        return s.toLowerCase(Locale.ROOT);
    }

    /** Meteor's steps as regex replacements, exactly as Meteor 1.5 applies them (without lower-casing). */
    String normalizeWithRegexes(String line) {
        String s = " " + line + " ";
        s = SEPARATE_SYMBOLS.matcher(s).replaceAll(" $1 ");
        s = MULTI_DOT.matcher(s).replaceAll(" " + DOTMULTI + "$1");
        while (s.contains(DOTMULTI + ".")) {
            s = MULTI_DOT_NEXT.matcher(s).replaceAll(DOTDOTMULTI + " $1");
            s = s.replace(DOTMULTI + ".", DOTDOTMULTI);
        }
        s = COMMA_BETWEEN_NON_DIGITS.matcher(s).replaceAll("$1 , $2");
        s = COMMA_AFTER_DIGIT.matcher(s).replaceAll("$1 , $2");
        s = COMMA_BEFORE_DIGIT.matcher(s).replaceAll("$1 , $2");
        s = SINGLE_QUOTES.matcher(s).replaceAll("'");
        s = DOUBLE_QUOTES.matcher(s).replaceAll(" \" ");
        s = s.replace("\u2013", "-").replace("--", "-");
        s = INNER_DASH.matcher(s).replaceAll("$1 $2");
        s = APOSTROPHE_ALONE.matcher(s).replaceAll("$1 ' $2");
        s = APOSTROPHE_BEFORE_WORD.matcher(s).replaceAll("$1 ' $2");
        s = APOSTROPHE_AFTER_WORD.matcher(s).replaceAll("$1 ' $2");
        s = CONTRACTION.matcher(s).replaceAll("$1 '$2");
        s = DECADE.matcher(s).replaceAll("$1 '$2");
        s = splitPeriods(s);
        while (s.contains(DOTDOTMULTI)) {
            s = s.replace(DOTDOTMULTI, DOTMULTI + ".");
        }
        s = s.replace(DOTMULTI, ".");
        return WHITESPACE.matcher(s).replaceAll(" ").trim();
    }

    /** Splits a word-final period off unless the word is an abbreviation. */
    private String splitPeriods(String s) {
        List<String> words = whitespaceTokens(s);
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.length() > 1 && word.endsWith(".")) {
                String prefix = word.substring(0, word.length() - 1);
                Boolean numericOnly = nonBreakingPrefixes.get(prefix);
                String next = i + 1 < words.size() ? words.get(i + 1) : null;
                if (prefix.contains(".") && containsLetter(prefix)) {
                    out.append(word.replace(".", ""));
                } else if (Boolean.FALSE.equals(numericOnly) || (next != null && isAsciiLower(next.charAt(0)))) {
                    out.append(word);
                } else if (Boolean.TRUE.equals(numericOnly) && next != null && isAsciiDigit(next.charAt(0))) {
                    out.append(word);
                } else {
                    out.append(prefix).append(" .");
                }
            } else {
                out.append(word);
            }
            out.append(' ');
        }
        return out.toString();
    }

    /** Splits on the whitespace {@link StringTokenizer} uses by default (space, tab, CR, LF, FF). */
    static List<String> whitespaceTokens(String s) {
        StringTokenizer tok = new StringTokenizer(s);
        List<String> words = new ArrayList<>(tok.countTokens());
        while (tok.hasMoreTokens()) {
            words.add(tok.nextToken());
        }
        return words;
    }

    /** Meteor's {@code [alpha]} find: any Latin, Latin-1, Latin Extended-A or Cyrillic letter. */
    private static boolean containsLetter(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (NormalizerFastPath.isAlpha(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAsciiLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
