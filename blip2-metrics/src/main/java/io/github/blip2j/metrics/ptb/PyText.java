package io.github.blip2j.metrics.ptb;

/** The few Python string semantics pycocoevalcap's scorers rely on. */
public final class PyText {

    private PyText() {
    }

    /** Python's {@code str.isspace()} for one code unit (what {@code str.split()} splits on). */
    public static boolean isSpace(char c) {
        if (c <= ' ') {
            return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\u001C' && c <= '\u001F');
        }
        return c == '\u0085' || c == '\u00A0' || c == '\u1680' || (c >= '\u2000' && c <= '\u200A')
                || c == '\u2028' || c == '\u2029' || c == '\u202F' || c == '\u205F' || c == '\u3000';
    }

    /** Python's {@code s.split()}: runs of whitespace separate words, no empty words. */
    public static String[] split(String s) {
        int n = s.length();
        int count = 0;
        boolean inWord = false;
        for (int i = 0; i < n; i++) {
            boolean space = isSpace(s.charAt(i));
            if (!space && !inWord) {
                count++;
            }
            inWord = !space;
        }
        String[] words = new String[count];
        int w = 0;
        int i = 0;
        while (w < count) {
            while (isSpace(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSpace(s.charAt(i))) {
                i++;
            }
            words[w++] = s.substring(start, i);
        }
        return words;
    }

    /** Python's {@code s.split(" ")}: every single space separates, so empty words survive. */
    public static String[] splitOnSpace(String s) {
        int count = 1;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ' ') {
                count++;
            }
        }
        String[] words = new String[count];
        int start = 0;
        for (int w = 0; w < count - 1; w++) {
            int end = s.indexOf(' ', start);
            words[w] = s.substring(start, end);
            start = end + 1;
        }
        words[count - 1] = s.substring(start);
        return words;
    }

    /** Python's {@code s.rstrip()}. */
    public static String rstrip(String s) {
        int end = s.length();
        while (end > 0 && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }
}
