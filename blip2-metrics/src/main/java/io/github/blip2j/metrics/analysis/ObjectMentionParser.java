package io.github.blip2j.metrics.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the objects a caption mentions without a parser: every shape word (singular or plural) is a
 * mention, qualified by the colour and size words directly before it ("a small blue square"), with
 * a count from a number word ("two red circles" is two mentions). Looking back stops at the first
 * word that is not a colour, size, number or one of a few intensifiers ("bright", "dark"), so in
 * "a red circle above a blue square" the square is blue and the circle red. Generic nouns
 * ("shape", "object") and pronouns ("a blue one") are not mentions.
 */
public final class ObjectMentionParser {

    private static final int MAX_LOOK_BACK = 4;
    private static final Map<String, Integer> NUMBERS = Map.ofEntries(
            Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4),
            Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8),
            Map.entry("nine", 9), Map.entry("ten", 10));
    private static final Set<String> SKIPPABLE = Set.of("bright", "dark", "light", "pale", "deep", "solid");

    private final ObjectVocabulary vocabulary;
    private final Lemmatizer lemmatizer;

    public ObjectMentionParser(ObjectVocabulary vocabulary) {
        this.vocabulary = vocabulary;
        this.lemmatizer = Lemmatizer.english(w -> vocabulary.shape(w).isPresent());
    }

    /** The mentions in caption order; a mention with count n appears n times. */
    public List<ObjectMention> parse(String caption) {
        List<String> words = Words.of(caption);
        List<ObjectMention> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            Optional<String> shape = vocabulary.shape(lemmatizer.lemma(words.get(i)));
            if (shape.isEmpty()) {
                continue;
            }
            String colour = null;
            String size = null;
            int count = 1;
            int start = i;
            for (int j = i - 1; j >= 0 && i - j <= MAX_LOOK_BACK; j--) {
                String w = words.get(j);
                Optional<String> c = vocabulary.colour(w);
                Optional<String> s = vocabulary.size(w);
                if (c.isPresent() && colour == null) {
                    colour = c.get();
                } else if (s.isPresent() && size == null) {
                    size = s.get();
                } else if (NUMBERS.containsKey(w) || w.matches("[0-9]{1,2}")) {
                    count = NUMBERS.containsKey(w) ? NUMBERS.get(w) : Integer.parseInt(w);
                    start = j;
                    break;
                } else if (!SKIPPABLE.contains(w)) {
                    break;
                }
                start = j;
            }
            String text = String.join(" ", words.subList(start, i + 1));
            for (int k = 0; k < Math.max(1, count); k++) {
                out.add(new ObjectMention(colour, shape.get(), size, text));
            }
        }
        return out;
    }
}
