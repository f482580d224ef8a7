package io.github.blip2j.spice;

import io.github.blip2j.metrics.spice.SpiceCategory;
import java.util.Set;

/**
 * Which tuples each {@link SpiceCategory} counts (SPICE's {@code TupleFilter}), and how SPICE scores a
 * category without reference tuples.
 */
final class CategoryFilter {

    private static final Set<String> SMALL_NUMBERS = Set.of(
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten");

    private static final Set<String> COLORS = Set.of("black", "brown", "blue", "red", "yellow", "pink", "gray",
        "grey", "green", "dark", "light", "white", "cream", "orange", "purple", "maroon", "beige", "violet");

    private static final Set<String> SIZES = Set.of("baby", "illimitable", "scrawny", "beefy", "immeasurable",
        "short", "big", "immense", "sizable", "bony", "infinitesimal", "skeletal", "boundless", "lanky", "skimpy",
        "brawny", "large", "skinny", "broad", "lean", "slender", "bulky", "life-size", "slim", "chunky",
        "limitless", "small", "colossal", "little", "squat", "compact", "mammoth", "stocky", "corpulent",
        "massive", "stout", "cosmic", "meager", "strapping", "cubby", "measly", "sturdy", "curvy", "microscopic",
        "tall", "elfin", "mini", "teensy", "emaciated", "miniature", "teeny", "endless", "minuscule", "teeny-tiny",
        "enormous", "minute", "teeny-weeny", "epic", "narrow", "thick", "expansive", "obese", "thickset",
        "extensive", "outsized", "thin", "fat", "oversize", "tiny", "fleshy", "overweight", "titanic", "full-size",
        "paltry", "towering", "gargantuan", "petite", "trifling", "gaunt", "pint-size", "trim", "giant", "plump",
        "tubby", "gigantic", "pocket-size", "undersized", "grand", "portly", "underweight", "great", "pudgy",
        "unlimited", "heavy", "puny", "vast", "hefty", "rotund", "wee", "huge", "scanty", "whopping", "hulking",
        "scraggy", "wide");

    private CategoryFilter() {
    }

    /** Whether {@code tuple} belongs to {@code category}'s subset. */
    static boolean accepts(SpiceCategory category, SceneTuple tuple) {
        return switch (category) {
            case ALL -> true;
            case OBJECT -> tuple.arity() == 1;
            case ATTRIBUTE -> tuple.arity() == 2;
            case RELATION -> tuple.arity() == 3;
            case CARDINALITY -> isAttributeIn(tuple, SMALL_NUMBERS);
            case COLOR -> isAttributeIn(tuple, COLORS);
            case SIZE -> isAttributeIn(tuple, SIZES);
        };
    }

    /* SPICE tests the attribute's printed form, so an attribute with merged synonyms never matches. */
    private static boolean isAttributeIn(SceneTuple tuple, Set<String> words) {
        if (tuple.arity() != 2) {
            return false;
        }
        String word = tuple.concept(1).singleWord();
        return word != null && words.contains(word);
    }

    /** Whether SPICE reports NaN (JSON null) for {@code category} when the references have no tuple of it. */
    static boolean undefinedWithoutReferences(SpiceCategory category) {
        return category != SpiceCategory.ALL;
    }
}
