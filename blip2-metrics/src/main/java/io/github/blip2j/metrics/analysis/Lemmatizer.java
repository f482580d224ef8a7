package io.github.blip2j.metrics.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A small rule-based English lemmatizer for nouns: plural to singular. Irregular plurals come from a
 * table (men, women, children, people, feet, teeth, mice, geese, ...); words that are the same in
 * both numbers (sheep, fish, deer) or only exist as plurals (pants, jeans, glasses, shorts) stay as
 * they are; everything else goes through suffix rules (-ies, -ves, -oes, -es, -s). When a lexicon
 * is given, the first rule whose result the lexicon knows wins ("shoes" gives "shoe", not "sho";
 * "buses" gives "bus"), otherwise a default rule applies. Verbs and adjectives are not handled:
 * callers only ask about words that may be nouns.
 */
public final class Lemmatizer {

    private static final Map<String, String> IRREGULAR = Map.ofEntries(
            Map.entry("men", "man"), Map.entry("women", "woman"), Map.entry("children", "child"),
            Map.entry("people", "person"), Map.entry("persons", "person"), Map.entry("feet", "foot"),
            Map.entry("teeth", "tooth"), Map.entry("mice", "mouse"), Map.entry("geese", "goose"),
            Map.entry("oxen", "ox"), Map.entry("cacti", "cactus"), Map.entry("kids", "kid"),
            Map.entry("policemen", "policeman"), Map.entry("firemen", "fireman"),
            Map.entry("fishermen", "fisherman"), Map.entry("dice", "die"), Map.entry("lice", "louse"));

    private static final Set<String> INVARIANT = Set.of(
            "sheep", "fish", "deer", "bison", "moose", "aircraft", "salmon", "trout", "series", "species",
            "pants", "jeans", "shorts", "trousers", "glasses", "sunglasses", "goggles", "scissors",
            "clothes", "overalls", "tights", "leggings", "pajamas", "binoculars", "news", "woods",
            "bus", "gas", "lens", "grass", "glass", "dress", "cross", "canvas", "cactus",
            "octopus", "walrus", "iris", "chess", "class", "boss", "mattress", "bass", "compass");

    private final Predicate<String> known;

    private Lemmatizer(Predicate<String> known) {
        this.known = known;
    }

    /** Rules only, no lexicon. */
    public static Lemmatizer english() {
        return new Lemmatizer(w -> false);
    }

    /** Rules checked against a lexicon: a rule's result is taken only if {@code known} accepts it. */
    public static Lemmatizer english(Predicate<String> known) {
        return new Lemmatizer(known);
    }

    /** The singular of a (possibly plural) noun, lower-cased. */
    public String lemma(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        String irregular = IRREGULAR.get(w);
        if (irregular != null) {
            return irregular;
        }
        if (INVARIANT.contains(w) || known.test(w)) {
            return w;
        }
        for (String c : candidates(w)) {
            if (known.test(c)) {
                return c;
            }
        }
        return defaultRule(w);
    }

    /** Possible singulars of {@code w} by suffix rule, most specific rule first. */
    static List<String> candidates(String w) {
        List<String> out = new ArrayList<>(4);
        int n = w.length();
        if (n > 3 && w.endsWith("men")) {
            out.add(w.substring(0, n - 3) + "man");
        }
        if (n > 4 && w.endsWith("ies")) {
            out.add(w.substring(0, n - 3) + "y");
        }
        if (n > 3 && w.endsWith("ves")) {
            out.add(w.substring(0, n - 3) + "f");
            out.add(w.substring(0, n - 3) + "fe");
        }
        if (n > 3 && w.endsWith("es")) {
            out.add(w.substring(0, n - 2));
        }
        if (n > 2 && w.endsWith("s") && !w.endsWith("ss")) {
            out.add(w.substring(0, n - 1));
        }
        return out;
    }

    private static String defaultRule(String w) {
        int n = w.length();
        if (n > 4 && w.endsWith("ies")) {
            return w.substring(0, n - 3) + "y";
        }
        if (n > 4 && (w.endsWith("sses") || w.endsWith("ches") || w.endsWith("shes")
                || w.endsWith("xes") || w.endsWith("zes"))) {
            return w.substring(0, n - 2);
        }
        if (n <= 3 || w.endsWith("ss") || w.endsWith("us") || w.endsWith("is") || !w.endsWith("s")) {
            return w;
        }
        return w.substring(0, n - 1);
    }
}
