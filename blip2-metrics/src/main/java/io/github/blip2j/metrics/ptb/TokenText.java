package io.github.blip2j.metrics.ptb;

/** The reference tokenizer's rewrites of a matched token (PTB3 escaping defaults). */
final class TokenText {

    private TokenText() {
    }

    /** Every {@code &amp;}, in any letter case, becomes {@code &}. */
    static String normalizeAmp(String s) {
        int at = indexOfAmpEntity(s, 0);
        if (at < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        int from = 0;
        while (at >= 0) {
            sb.append(s, from, at).append('&');
            from = at + 5;
            at = indexOfAmpEntity(s, from);
        }
        return sb.append(s, from, s.length()).toString();
    }

    private static int indexOfAmpEntity(String s, int from) {
        for (int i = s.indexOf('&', from); i >= 0 && i + 5 <= s.length(); i = s.indexOf('&', i + 1)) {
            if (s.regionMatches(true, i, "&amp;", 0, 5)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * LaTeX-style quotes: ASCII quotes (and the exact-case entities {@code &apos;}, {@code &quot;})
     * become {@code `}/{@code ``} when probably opening, {@code '}/{@code ''} otherwise; typographic
     * and CP1252 quotes become the form their direction implies.
     */
    static String latexQuotes(String s, boolean probablyLeft) {
        if (!probablyLeft && s.length() == 2 && s.charAt(0) == '\'') {
            return s; // 's 'm 'd: the common case
        }
        StringBuilder sb = new StringBuilder(s.length() + 2);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (s.startsWith("&apos;", i)) {
                sb.append(probablyLeft ? "`" : "'");
                i += 5;
            } else if (s.startsWith("&quot;", i)) {
                sb.append(probablyLeft ? "``" : "''");
                i += 5;
            } else {
                switch (c) {
                    case '\'' -> sb.append(probablyLeft ? "`" : "'");
                    case '"' -> sb.append(probablyLeft ? "``" : "''");
                    case '\u0091', '\u2018', '\u201B', '\u2039' -> sb.append('`');
                    case '\u0092', '\u2019', '\u203A' -> sb.append('\'');
                    case '\u0093', '\u201C', '\u00AB' -> sb.append("``");
                    case '\u0094', '\u201D', '\u00BB' -> sb.append("''");
                    default -> sb.append(c);
                }
            }
        }
        return sb.toString();
    }

    /** The five vulgar fractions the reference spells out; the others stay as they are. */
    static String fraction(String s) {
        return switch (s) {
            case "\u00BC" -> "1/4";
            case "\u00BD" -> "1/2";
            case "\u00BE" -> "3/4";
            case "\u2153" -> "1/3";
            case "\u2154" -> "2/3";
            default -> s;
        };
    }

    /** Cent sign to {@code cents}, pound sign to {@code #}, euro and generic currency signs to {@code $}. */
    static String currency(String s) {
        return switch (s) {
            case "\u00A2" -> "cents";
            case "\u00A3" -> "#";
            case "\u0080", "\u00A4", "\u20A0", "\u20AC" -> "$";
            default -> s;
        };
    }

    static String parens(String s) {
        if (s.indexOf('(') < 0 && s.indexOf(')') < 0) {
            return s;
        }
        return s.replace("(", "-LRB-").replace(")", "-RRB-");
    }
}
