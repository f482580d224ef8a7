package io.github.blip2j.core.data;

import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Normalises captions before training. {@link #blip(int)} mirrors LAVIS's
 * {@code BlipCaptionProcessor.pre_caption}: lower-case, each of {@code . ! " ( ) * # : ; ~} becomes a
 * space, runs of two or more whitespace characters become one space, leading/trailing spaces go, and
 * the caption is cut to {@code maxWords} space-separated words. Commas, apostrophes, hyphens and
 * question marks are kept, as in LAVIS.
 */
public final class CaptionCleaner implements UnaryOperator<String> {

    private static final Pattern PUNCTUATION = Pattern.compile("[.!\"()*#:;~]");
    private static final Pattern WHITESPACE_RUN = Pattern.compile("\\s{2,}", Pattern.UNICODE_CHARACTER_CLASS);

    private final boolean enabled;
    private final int maxWords;

    private CaptionCleaner(boolean enabled, int maxWords) {
        this.enabled = enabled;
        this.maxWords = maxWords;
    }

    /** Leaves captions as they are (only trims them). */
    public static CaptionCleaner none() {
        return new CaptionCleaner(false, Integer.MAX_VALUE);
    }

    /** BLIP/LAVIS cleaning with LAVIS's default of 50 words. */
    public static CaptionCleaner blip() {
        return blip(50);
    }

    /** BLIP/LAVIS cleaning, cut to {@code maxWords} words (1..10000). */
    public static CaptionCleaner blip(int maxWords) {
        if (maxWords < 1 || maxWords > 10_000) {
            throw new IllegalArgumentException("maxWords must be in 1..10000, got " + maxWords);
        }
        return new CaptionCleaner(true, maxWords);
    }

    public boolean enabled() {
        return enabled;
    }

    @Override
    public String apply(String caption) {
        if (!enabled) {
            return caption.strip();
        }
        String c = PUNCTUATION.matcher(caption.toLowerCase(Locale.ROOT)).replaceAll(" ");
        c = WHITESPACE_RUN.matcher(c).replaceAll(" ");
        c = stripChar(c, '\n', false);
        c = stripChar(c, ' ', true);
        String[] words = c.split(" ", -1);
        if (words.length > maxWords) {
            c = String.join(" ", java.util.Arrays.copyOf(words, maxWords));
        }
        return c;
    }

    /** Python's rstrip(ch) (both = false) or strip(ch) (both = true). */
    private static String stripChar(String s, char ch, boolean both) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ch) {
            end--;
        }
        int start = 0;
        while (both && start < end && s.charAt(start) == ch) {
            start++;
        }
        return s.substring(start, end);
    }
}
