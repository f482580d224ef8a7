package io.github.blip2j.spice;

import java.util.List;

/**
 * What the rule-based parser proposes for one caption, before any merging: an object
 * {@code (man)}, an attribute {@code (man, tall)} or a relation {@code (man, horse, ride)}
 * (source, target, predicate). Terms are lower-cased lemmas, predicates may hold several words.
 */
record Proposition(List<String> terms) {

    Proposition {
        if (terms.isEmpty() || terms.size() > 3) {
            throw new IllegalArgumentException("a proposition has 1 to 3 terms, got " + terms);
        }
        terms = List.copyOf(terms);
    }

    static Proposition object(String object) {
        return new Proposition(List.of(object));
    }

    static Proposition attribute(String object, String attribute) {
        return new Proposition(List.of(object, attribute));
    }

    static Proposition relation(String source, String target, String predicate) {
        return new Proposition(List.of(source, target, predicate));
    }

    int arity() {
        return terms.size();
    }

    String term(int i) {
        return terms.get(i);
    }

    @Override
    public String toString() {
        return "(" + String.join(", ", terms) + ")";
    }
}
