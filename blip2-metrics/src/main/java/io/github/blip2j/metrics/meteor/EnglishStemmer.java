package io.github.blip2j.metrics.meteor;

import java.util.Map;
import java.util.Set;

/**
 * The Snowball English ("Porter2") stemmer, as the version bundled with Meteor 1.5 behaves.
 *
 * <p>Written from the published algorithm description; checked word by word against the
 * Snowball-generated stemmer that Meteor 1.5 ships (see {@code EnglishStemmerTest}). Works on
 * UTF-16 chars like the Snowball Java runtime: only {@code a e i o u y} are vowels, every other
 * char (including accented letters) counts as a consonant. Stateless and thread-safe.
 */
final class EnglishStemmer {

    /** Whole words with a fixed stem (checked before anything else). */
    private static final Map<String, String> SPECIAL_WORDS = Map.ofEntries(
            Map.entry("skis", "ski"), Map.entry("skies", "sky"), Map.entry("dying", "die"),
            Map.entry("lying", "lie"), Map.entry("tying", "tie"), Map.entry("idly", "idl"),
            Map.entry("gently", "gentl"), Map.entry("ugly", "ugli"), Map.entry("early", "earli"),
            Map.entry("only", "onli"), Map.entry("singly", "singl"), Map.entry("sky", "sky"),
            Map.entry("news", "news"), Map.entry("howe", "howe"), Map.entry("atlas", "atlas"),
            Map.entry("cosmos", "cosmos"), Map.entry("bias", "bias"), Map.entry("andes", "andes"));

    /** Words left alone after step 1a. */
    private static final Set<String> INVARIANT_AFTER_1A = Set.of(
            "inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed");

    /** Prefixes that fix the end of region R1 (instead of the usual vowel/consonant rule). */
    private static final String[] R1_PREFIXES = {"gener", "commun", "arsen"};

    private static final String[][] STEP2 = {
            {"ization", "ize"}, {"ational", "ate"}, {"fulness", "ful"}, {"ousness", "ous"},
            {"iveness", "ive"}, {"tional", "tion"}, {"biliti", "ble"}, {"lessli", "less"},
            {"entli", "ent"}, {"ation", "ate"}, {"alism", "al"}, {"aliti", "al"}, {"ousli", "ous"},
            {"iviti", "ive"}, {"fulli", "ful"}, {"enci", "ence"}, {"anci", "ance"}, {"abli", "able"},
            {"izer", "ize"}, {"ator", "ate"}, {"alli", "al"}, {"bli", "ble"}, {"ogi", null},
            {"li", null}};

    private static final String[][] STEP3 = {
            {"ational", "ate"}, {"tional", "tion"}, {"alize", "al"}, {"icate", "ic"},
            {"iciti", "ic"}, {"ative", null}, {"ical", "ic"}, {"ness", ""}, {"ful", ""}};

    private static final String[] STEP4 = {
            "ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti",
            "ous", "ive", "ize", "ion", "al", "er", "ic"};

    /** Returns the stem of {@code word} (expected lower-case). */
    String stem(String word) {
        String special = SPECIAL_WORDS.get(word);
        if (special != null) {
            return special;
        }
        if (word.length() < 3) {
            return word;
        }
        Word w = new Word(word);
        w.prelude();
        w.markRegions();
        w.step1a();
        if (!INVARIANT_AFTER_1A.contains(w.toString())) {
            w.step1b();
            w.step1c();
            w.step2();
            w.step3();
            w.step4();
            w.step5();
        }
        return w.postlude();
    }

    /** Mutable working copy of one word; {@code p1}/{@code p2} are the starts of regions R1/R2. */
    private static final class Word {
        private final StringBuilder b;
        private int p1;
        private int p2;
        private boolean yFound;

        Word(String word) {
            b = new StringBuilder(word);
        }

        static boolean isVowel(char c) {
            return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
        }

        /** Consonant other than w, x and Y (the last letter of a short syllable). */
        static boolean isPlainConsonant(char c) {
            return !isVowel(c) && c != 'w' && c != 'x' && c != 'Y';
        }

        int len() {
            return b.length();
        }

        char at(int i) {
            return b.charAt(i);
        }

        boolean endsWith(String s) {
            int n = b.length() - s.length();
            if (n < 0) {
                return false;
            }
            for (int i = 0; i < s.length(); i++) {
                if (b.charAt(n + i) != s.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        boolean hasVowelBefore(int end) {
            for (int i = 0; i < end; i++) {
                if (isVowel(b.charAt(i))) {
                    return true;
                }
            }
            return false;
        }

        void replaceEnd(int suffixLength, String with) {
            b.setLength(b.length() - suffixLength);
            b.append(with);
        }

        /** Drops a leading apostrophe and marks consonant-y as 'Y'. */
        void prelude() {
            if (b.length() > 0 && b.charAt(0) == '\'') {
                b.deleteCharAt(0);
            }
            if (b.length() > 0 && b.charAt(0) == 'y') {
                b.setCharAt(0, 'Y');
                yFound = true;
            }
            for (int i = 1; i < b.length(); i++) {
                if (b.charAt(i) == 'y' && isVowel(b.charAt(i - 1))) {
                    b.setCharAt(i, 'Y');
                    yFound = true;
                }
            }
        }

        void markRegions() {
            int n = b.length();
            p1 = n;
            p2 = n;
            int start = -1;
            for (String prefix : R1_PREFIXES) {
                if (b.indexOf(prefix) == 0) {
                    start = prefix.length();
                    break;
                }
            }
            if (start < 0) {
                start = afterVowelConsonant(0);
                if (start < 0) {
                    return;
                }
            }
            p1 = start;
            int second = afterVowelConsonant(start);
            if (second >= 0) {
                p2 = second;
            }
        }

        /** Position just after the first consonant that follows a vowel, searching from {@code from}; -1 if none. */
        private int afterVowelConsonant(int from) {
            int i = from;
            while (i < b.length() && !isVowel(b.charAt(i))) {
                i++;
            }
            if (i >= b.length()) {
                return -1;
            }
            while (i < b.length() && isVowel(b.charAt(i))) {
                i++;
            }
            return i < b.length() ? i + 1 : -1;
        }

        /** True if the word, cut at {@code end}, ends in a short syllable. */
        boolean endsShort(int end) {
            if (end >= 3 && isPlainConsonant(at(end - 1)) && isVowel(at(end - 2)) && !isVowel(at(end - 3))) {
                return true;
            }
            return end == 2 && !isVowel(at(1)) && isVowel(at(0));
        }

        void step1a() {
            if (endsWith("'s'")) {
                replaceEnd(3, "");
            } else if (endsWith("'s")) {
                replaceEnd(2, "");
            } else if (endsWith("'")) {
                replaceEnd(1, "");
            }
            if (endsWith("sses")) {
                replaceEnd(4, "ss");
            } else if (endsWith("ied") || endsWith("ies")) {
                replaceEnd(3, len() - 3 >= 2 ? "i" : "ie");
            } else if (endsWith("us") || endsWith("ss")) {
                // unchanged
            } else if (endsWith("s")) {
                if (len() >= 2 && hasVowelBefore(len() - 2)) {
                    replaceEnd(1, "");
                }
            }
        }

        void step1b() {
            int stemEnd;
            if (endsWith("eedly") || endsWith("eed")) {
                int suffix = endsWith("eedly") ? 5 : 3;
                if (len() - suffix >= p1) {
                    replaceEnd(suffix, "ee");
                }
                return;
            } else if (endsWith("ingly")) {
                stemEnd = len() - 5;
            } else if (endsWith("edly")) {
                stemEnd = len() - 4;
            } else if (endsWith("ing")) {
                stemEnd = len() - 3;
            } else if (endsWith("ed")) {
                stemEnd = len() - 2;
            } else {
                return;
            }
            if (!hasVowelBefore(stemEnd)) {
                return;
            }
            b.setLength(stemEnd);
            if (endsWith("at") || endsWith("bl") || endsWith("iz")) {
                b.append('e');
            } else if (endsInDouble()) {
                b.setLength(len() - 1);
            } else if (len() == p1 && endsShort(len())) {
                b.append('e');
            }
        }

        private boolean endsInDouble() {
            if (len() < 2) {
                return false;
            }
            char c = at(len() - 1);
            return c == at(len() - 2) && "bdfgmnprt".indexOf(c) >= 0;
        }

        void step1c() {
            int n = len();
            if (n >= 3 && (at(n - 1) == 'y' || at(n - 1) == 'Y') && !isVowel(at(n - 2))) {
                b.setCharAt(n - 1, 'i');
            }
        }

        void step2() {
            for (String[] rule : STEP2) {
                if (!endsWith(rule[0])) {
                    continue;
                }
                int start = len() - rule[0].length();
                if (start < p1) {
                    return;
                }
                if (rule[0].equals("ogi")) {
                    if (start > 0 && at(start - 1) == 'l') {
                        replaceEnd(3, "og");
                    }
                } else if (rule[0].equals("li")) {
                    if (start > 0 && "cdeghkmnrt".indexOf(at(start - 1)) >= 0) {
                        replaceEnd(2, "");
                    }
                } else {
                    replaceEnd(rule[0].length(), rule[1]);
                }
                return;
            }
        }

        void step3() {
            for (String[] rule : STEP3) {
                if (!endsWith(rule[0])) {
                    continue;
                }
                int start = len() - rule[0].length();
                if (start < p1) {
                    return;
                }
                if (rule[1] == null) {
                    if (start >= p2) {
                        replaceEnd(rule[0].length(), "");
                    }
                } else {
                    replaceEnd(rule[0].length(), rule[1]);
                }
                return;
            }
        }

        void step4() {
            for (String suffix : STEP4) {
                if (!endsWith(suffix)) {
                    continue;
                }
                int start = len() - suffix.length();
                if (start < p2) {
                    return;
                }
                if (suffix.equals("ion")) {
                    if (start > 0 && (at(start - 1) == 's' || at(start - 1) == 't')) {
                        replaceEnd(3, "");
                    }
                } else {
                    replaceEnd(suffix.length(), "");
                }
                return;
            }
        }

        void step5() {
            int n = len();
            if (n == 0) {
                return;
            }
            int start = n - 1;
            if (at(start) == 'e') {
                if (start >= p2 || (start >= p1 && !endsShort(start))) {
                    b.setLength(start);
                }
            } else if (at(start) == 'l') {
                if (start >= p2 && start > 0 && at(start - 1) == 'l') {
                    b.setLength(start);
                }
            }
        }

        String postlude() {
            if (yFound) {
                for (int i = 0; i < b.length(); i++) {
                    if (b.charAt(i) == 'Y') {
                        b.setCharAt(i, 'y');
                    }
                }
            }
            return b.toString();
        }

        @Override
        public String toString() {
            return b.toString();
        }
    }
}
