package io.github.blip2j.metrics.ptb;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Stanford's PTB tokenizer (CoreNLP 3.4.1, {@code -preserveLines -lowerCase}) followed by
 * pycocoevalcap's punctuation filter, reimplemented from its lexical rules
 * ({@code ptb-3.4.1.grammar}). Input is a stream of lines exactly as pycocoevalcap writes it;
 * each line is tokenized on its own, but a rule's trailing context may look into later lines, as
 * the reference's does. Thread-safe: the compiled rules are shared and read-only, and each call
 * borrows a private scanning cache from a pool.
 *
 * <p>This is the engine behind {@code io.github.blip2j.metrics.CaptionTokenizer}; use that.
 */
public final class PtbLexer {

    /**
     * Tokens pycocoevalcap drops after tokenizing. Its list also has -LRB- -RRB- -LCB- -RCB-, but
     * it compares lower-cased tokens, so those never match and brackets survive as -lrb- etc.
     */
    static final Set<String> PUNCTUATION = Set.of("''", "'", "``", "`", ".", "?", "!", ",", ":", "-", "--",
            "...", ";");

    private static final class Holder {
        static final PtbLexer INSTANCE = new PtbLexer(PtbGrammar.load());
    }

    private final PtbRule[] rules;
    private final Nfa nfa;
    /** Per rule with a trailing context: index of its consumed part among the NFA's extra patterns. */
    private final int[] consumedPattern;
    private final ConcurrentLinkedQueue<LazyDfa> pool = new ConcurrentLinkedQueue<>();

    private PtbLexer(List<PtbRule> ruleList) {
        this.rules = ruleList.toArray(new PtbRule[0]);
        List<Regex> combined = new ArrayList<>();
        List<Regex> patterns = new ArrayList<>();
        consumedPattern = new int[rules.length];
        for (int i = 0; i < rules.length; i++) {
            PtbRule r = rules[i];
            if (r.trailing() == null) {
                combined.add(r.pattern());
                consumedPattern[i] = -1;
            } else {
                combined.add(Regex.seq(r.pattern(), r.trailing()));
                consumedPattern[i] = patterns.size();
                patterns.add(r.pattern());
                patterns.add(r.trailing());
            }
        }
        this.nfa = Nfa.build(combined, patterns);
    }

    /** The shared instance (built on first use, in a few milliseconds). */
    public static PtbLexer instance() {
        return Holder.INSTANCE;
    }

    /**
     * Tokenizes lines {@code from..to-1} of {@code text}.
     *
     * @param text the whole stream: lines separated by {@code '\n'}, no other line breaks
     * @param lineStarts offset of each line's first character; line {@code i} ends at
     *     {@code lineStarts[i+1] - 1} (or at {@code text.length} for the last line)
     * @param out receives line {@code i}'s tokens at index {@code i}, joined by single spaces
     */
    public void tokenizeLines(char[] text, int[] lineStarts, int from, int to, String[] out) {
        LazyDfa dfa = pool.poll();
        if (dfa == null) {
            dfa = new LazyDfa(nfa);
        }
        try {
            List<String> tokens = new ArrayList<>();
            for (int i = from; i < to; i++) {
                int end = i + 1 < lineStarts.length ? lineStarts[i + 1] - 1 : text.length;
                tokens.clear();
                scanLine(text, lineStarts[i], end, dfa, tokens);
                out[i] = joinFiltered(tokens);
            }
        } finally {
            pool.offer(dfa);
        }
    }

    private void scanLine(char[] text, int from, int lineEnd, LazyDfa dfa, List<String> tokens) {
        int pos = from;
        while (pos < lineEnd) {
            long match = dfa.longestMatch(text, pos, text.length);
            if (match < 0) {
                pos++; // unreachable: the last rule matches any character but '\n'
                continue;
            }
            int ruleIndex = (int) (match >>> 32);
            int end = (int) match;
            PtbRule rule = rules[ruleIndex];
            if (rule.trailing() != null) {
                end = consumedEnd(ruleIndex, text, pos, end, dfa);
            }
            end = Math.min(end, lineEnd);
            pos = apply(rule, text, pos, end, tokens);
        }
    }

    /** Where the consumed part of a trailing-context match ends: the last split the context accepts. */
    private int consumedEnd(int ruleIndex, char[] text, int start, int end, LazyDfa dfa) {
        int head = consumedPattern[ruleIndex];
        int[] splits = new int[end - start + 1];
        int[] tails = new int[end - start + 1];
        for (int k = dfa.patternEnds(head, text, start, end, splits) - 1; k >= 0; k--) {
            int t = dfa.patternEnds(head + 1, text, splits[k], end, tails);
            if (t > 0 && tails[t - 1] == end) {
                return splits[k];
            }
        }
        throw new IllegalStateException("no split of " + new String(text, start, end - start)
                + " for rule " + rules[ruleIndex].name());
    }

    /** Emits the token for {@code text[start, end)} and returns where scanning continues. */
    private static int apply(PtbRule rule, char[] text, int start, int end, List<String> tokens) {
        String s = new String(text, start, end - start);
        switch (rule.action()) {
            case KEEP -> tokens.add(s);
            case REMOVE_SOFT_HYPHENS -> tokens.add(removeSoftHyphens(s));
            case NORMALIZE_AMP -> tokens.add(TokenText.normalizeAmp(s));
            case SPACES_TO_NBSP -> tokens.add(s.replace(' ', '\u00A0'));
            case LITERAL -> tokens.add(rule.literal());
            case PUSHBACK -> {
                int keep = s.length() - rule.pushback();
                tokens.add(s.substring(0, keep));
                return start + keep;
            }
            case REPEAT_PERIOD -> {
                tokens.add(s);
                return end - 1;
            }
            case ACRONYM_BEFORE_SENTENCE -> {
                // A one-letter "acronym" ("I.", "a.") before a sentence start loses its period;
                // a longer one keeps it, and either way the period is scanned again.
                tokens.add(s.length() == 2 ? s.substring(0, 1) : s);
                return end - 1;
            }
            case QUOTE_RIGHT -> tokens.add(TokenText.latexQuotes(s, false));
            case QUOTE_LEFT -> tokens.add(TokenText.latexQuotes(s, true));
            case FRACTION -> tokens.add(TokenText.fraction(s));
            case CURRENCY -> tokens.add(TokenText.currency(s));
            case PHONE -> tokens.add(TokenText.parens(s.replace(' ', '\u00A0')));
            case PARENS -> tokens.add(TokenText.parens(s));
            case HYPHENS -> tokens.add(s.length() == 3 || s.length() == 4 ? "--" : s);
            case ELLIPSIS -> tokens.add("...");
            case SKIP, DELETE -> {
                // no token
            }
        }
        return end;
    }

    /** Same as {@code PUNCTUATION.contains(t)} for lower-cased tokens, without hashing. */
    static boolean isPunctuation(String t) {
        switch (t.length()) {
            case 1 -> {
                char c = t.charAt(0);
                return c == '\'' || c == '`' || c == '.' || c == '?' || c == '!' || c == ',' || c == ':'
                        || c == '-' || c == ';';
            }
            case 2 -> {
                return t.equals("''") || t.equals("``") || t.equals("--");
            }
            case 3 -> {
                return t.equals("...");
            }
            default -> {
                return false;
            }
        }
    }

    /** {@code toLowerCase(Locale.ENGLISH)}, as the reference's {@code -lowerCase}, with an ASCII fast path. */
    static String lowerCase(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c >= 0x80) {
                return t.toLowerCase(Locale.ENGLISH);
            }
            if (c >= 'A' && c <= 'Z') {
                char[] chars = t.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    char d = chars[j];
                    if (d >= 0x80) {
                        return t.toLowerCase(Locale.ENGLISH);
                    }
                    if (d >= 'A' && d <= 'Z') {
                        chars[j] = (char) (d + ('a' - 'A'));
                    }
                }
                return new String(chars);
            }
        }
        return t;
    }

    private static String removeSoftHyphens(String s) {
        if (s.indexOf('\u00AD') < 0) {
            return s;
        }
        String out = s.replace("\u00AD", "");
        return out.isEmpty() ? "-" : out;
    }

    /**
     * pycocoevalcap's post-processing of one output line: lower-case each token (the tokenizer's
     * {@code -lowerCase}), then {@code line.rstrip().split(' ')} minus the punctuation tokens.
     */
    private static String joinFiltered(List<String> tokens) {
        int n = tokens.size();
        if (n == 0) {
            return "";
        }
        for (int i = 0; i < n; i++) {
            tokens.set(i, lowerCase(tokens.get(i)));
        }
        String last = tokens.get(n - 1);
        if (PyText.isSpace(last.charAt(last.length() - 1))) {
            // rare: a URL- or e-mail-like token ending in Unicode whitespace; do it Python's way
            String line = PyText.rstrip(String.join(" ", tokens));
            tokens.clear();
            tokens.addAll(List.of(PyText.splitOnSpace(line)));
            n = tokens.size();
        }
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (int i = 0; i < n; i++) {
            String t = tokens.get(i);
            if (!isPunctuation(t)) {
                if (!first) {
                    sb.append(' ');
                }
                sb.append(t);
                first = false;
            }
        }
        return sb.toString();
    }
}
