package io.github.blip2j.metrics.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a caption into lower-case words for the analysis. Deliberately simpler than the PTB
 * tokenizer the scorers use: punctuation separates words and is dropped, a possessive {@code 's}
 * is removed ("man's" is the word "man"), and hyphenated words stay whole ("t-shirt").
 */
final class Words {

    private static final Pattern WORD = Pattern.compile(
            "[\\p{L}\\p{N}]+(?:['\u2019-][\\p{L}\\p{N}]+)*", Pattern.UNICODE_CHARACTER_CLASS);

    private Words() {
    }

    static List<String> of(String caption) {
        List<String> out = new ArrayList<>();
        if (caption == null) {
            return out;
        }
        Matcher m = WORD.matcher(caption.toLowerCase(Locale.ROOT));
        while (m.find()) {
            String w = m.group();
            if (w.endsWith("'s") || w.endsWith("\u2019s")) {
                w = w.substring(0, w.length() - 2);
            }
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }
}
