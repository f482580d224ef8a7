package io.github.blip2j.metrics;

import io.github.blip2j.metrics.ptb.PtbLexer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The tokenization every pycocoevalcap scorer sees: Stanford's PTBTokenizer 3.4.1 with
 * {@code -preserveLines -lowerCase}, then pycocoevalcap's punctuation filter. Output tokens are
 * joined by single spaces; a caption with no token left is {@code ""}.
 *
 * <p>pycocoevalcap writes all captions of a set into one file, one per line, and tokenizes that
 * file in one go; a handful of PTB rules look past the end of a line, so a caption's tokens can
 * depend on the caption after it (for instance {@code "... a."} keeps its period unless the next
 * caption starts with "A" or "The"). {@link #tokenizeAll(List)} reproduces this exactly;
 * {@link #tokenize(String)} tokenizes one caption as if it were alone in its file.
 *
 * <p>Deliberate differences from pycocoevalcap, all for inputs that corrupt its output: carriage
 * returns, U+000B, U+000C, U+2028 and U+2029 are read as spaces (pycocoevalcap only replaces
 * {@code \n}; the Java tokenizer breaks lines at those characters too, which shifts every later
 * caption onto the wrong image), and no token spans two captions. Thread-safe.
 */
public final class CaptionTokenizer {

    private static final CaptionTokenizer PTB = new CaptionTokenizer();

    private CaptionTokenizer() {
    }

    /** The pycocoevalcap-compatible tokenizer. */
    public static CaptionTokenizer ptb() {
        return PTB;
    }

    /** Tokenizes one caption on its own. */
    public String tokenize(String caption) {
        return tokenizeAll(List.of(Objects.requireNonNull(caption, "caption"))).get(0);
    }

    /** Tokenizes captions as one pycocoevalcap stream, in this order, using all processors. */
    public List<String> tokenizeAll(List<String> captions) {
        return tokenizeAll(captions, Parallelism.available());
    }

    /**
     * Tokenizes captions as one pycocoevalcap stream, in this order.
     *
     * @throws NullPointerException if a caption is null (the message gives its index)
     */
    public List<String> tokenizeAll(List<String> captions, Parallelism parallelism) {
        int n = captions.size();
        int total = Math.max(0, n - 1);
        for (int i = 0; i < n; i++) {
            String c = captions.get(i);
            if (c == null) {
                throw new NullPointerException("caption " + i + " is null");
            }
            total += c.length();
        }
        char[] text = new char[total];
        int[] lineStarts = new int[n];
        int at = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                text[at++] = '\n';
            }
            lineStarts[i] = at;
            String c = captions.get(i);
            c.getChars(0, c.length(), text, at);
            for (int end = at + c.length(); at < end; at++) {
                if (isLineBreak(text[at])) {
                    text[at] = ' ';
                }
            }
        }
        String[] out = new String[n];
        PtbLexer lexer = PtbLexer.instance();
        parallelism.forRanges(n, 256, (from, to) -> lexer.tokenizeLines(text, lineStarts, from, to, out));
        return Arrays.asList(out);
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u000B' || c == '\u000C' || c == '\u2028' || c == '\u2029';
    }
}
