package io.github.blip2j.examples.report;

import io.github.blip2j.metrics.analysis.AttributeError;
import io.github.blip2j.metrics.analysis.CaptionErrorLabels;
import io.github.blip2j.metrics.analysis.ObjectLabels;
import io.github.blip2j.metrics.analysis.ObjectMention;
import io.github.blip2j.metrics.analysis.ReferenceLabels;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a caption as HTML with its error labels marked in the text: hallucinated objects and
 * nouns ({@code <mark class="hall">}), wrong colours or sizes ({@code attr}), repeated phrases
 * ({@code rep}) and correctly named objects ({@code ok}). Words are matched as the error analysis
 * splits them (letters and digits, inner apostrophes and hyphens), case-insensitively.
 */
final class CaptionHighlighter {

    /** CSS classes, most severe first: a word keeps the first class that claims it. */
    static final String HALLUCINATED = "hall";
    static final String ATTRIBUTE = "attr";
    static final String REPEATED = "rep";
    static final String CORRECT = "ok";

    private static final Pattern WORD = Pattern.compile(
            "[\\p{L}\\p{N}]+(?:['\u2019-][\\p{L}\\p{N}]+)*", Pattern.UNICODE_CHARACTER_CLASS);

    private CaptionHighlighter() {
    }

    /** The caption as escaped HTML with marks. */
    static String toHtml(String caption, CaptionErrorLabels labels) {
        List<int[]> spans = new ArrayList<>();
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(caption);
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
            words.add(normal(m.group()));
        }
        String[] classes = new String[words.size()];
        int[] groups = new int[words.size()];
        Marker marker = new Marker(words, classes, groups);
        if (labels != null) {
            ObjectLabels o = labels.objects();
            if (o != null) {
                for (ObjectMention h : o.hallucinated()) {
                    marker.first(h.text(), HALLUCINATED);
                }
                for (AttributeError e : o.attributeErrors()) {
                    marker.first(e.mention().text(), ATTRIBUTE);
                }
            }
            ReferenceLabels r = labels.references();
            Set<String> nouns = new HashSet<>();
            r.hallucinatedWords().forEach(w -> nouns.add(normal(w)));
            for (int i = 0; i < words.size(); i++) {
                if (classes[i] == null && nouns.contains(words.get(i))) {
                    marker.word(i, HALLUCINATED);
                }
            }
            for (String g : r.repeatedNgrams()) {
                marker.all(g, REPEATED);
            }
            if (o != null) {
                for (ObjectMention c : o.correct()) {
                    marker.first(c.text(), CORRECT);
                }
            }
        }
        return render(caption, spans, classes, groups);
    }

    private static String normal(String w) {
        String s = w.toLowerCase(Locale.ROOT);
        if (s.endsWith("'s") || s.endsWith("\u2019s")) {
            s = s.substring(0, s.length() - 2);
        }
        return s;
    }

    /** Assigns classes to words; each marked phrase is its own group, so adjacent phrases stay apart. */
    private static final class Marker {
        private final List<String> words;
        private final String[] classes;
        private final int[] groups;
        private int nextGroup = 1;

        Marker(List<String> words, String[] classes, int[] groups) {
            this.words = words;
            this.classes = classes;
            this.groups = groups;
        }

        void word(int i, String cls) {
            classes[i] = cls;
            groups[i] = nextGroup++;
        }

        /** Marks the first occurrence of {@code phrase} whose words are all still unmarked. */
        void first(String phrase, String cls) {
            List<String> p = phraseWords(phrase);
            for (int start = 0; start + p.size() <= words.size() && !p.isEmpty(); start++) {
                if (unmarkedMatch(start, p)) {
                    int g = nextGroup++;
                    for (int k = 0; k < p.size(); k++) {
                        classes[start + k] = cls;
                        groups[start + k] = g;
                    }
                    return;
                }
            }
        }

        /** Marks every occurrence of {@code phrase}, on its words that are still unmarked. */
        void all(String phrase, String cls) {
            List<String> p = phraseWords(phrase);
            for (int start = 0; start + p.size() <= words.size() && !p.isEmpty(); start++) {
                if (words.subList(start, start + p.size()).equals(p)) {
                    int g = nextGroup++;
                    for (int k = 0; k < p.size(); k++) {
                        if (classes[start + k] == null) {
                            classes[start + k] = cls;
                            groups[start + k] = g;
                        }
                    }
                }
            }
        }

        private boolean unmarkedMatch(int start, List<String> p) {
            for (int k = 0; k < p.size(); k++) {
                if (classes[start + k] != null || !words.get(start + k).equals(p.get(k))) {
                    return false;
                }
            }
            return true;
        }
    }

    private static List<String> phraseWords(String phrase) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(phrase);
        while (m.find()) {
            out.add(normal(m.group()));
        }
        return out;
    }

    /** Text between words is copied; the words of one marked phrase become one mark (spaces included). */
    private static String render(String caption, List<int[]> spans, String[] classes, int[] groups) {
        StringBuilder out = new StringBuilder(caption.length() * 2);
        int at = 0;
        int i = 0;
        while (i < spans.size()) {
            String cls = classes[i];
            if (cls == null) {
                i++;
                continue;
            }
            int j = i;
            while (j + 1 < spans.size() && groups[j + 1] == groups[i]) {
                j++;
            }
            out.append(Html.escape(caption.substring(at, spans.get(i)[0])));
            out.append("<mark class=\"").append(cls).append("\">")
                    .append(Html.escape(caption.substring(spans.get(i)[0], spans.get(j)[1]))).append("</mark>");
            at = spans.get(j)[1];
            i = j + 1;
        }
        out.append(Html.escape(caption.substring(at)));
        return out.toString();
    }
}
