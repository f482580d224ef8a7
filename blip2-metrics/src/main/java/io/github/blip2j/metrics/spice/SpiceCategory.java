package io.github.blip2j.metrics.spice;

/**
 * The tuple subsets SPICE reports per image, named as in SPICE's and pycocoevalcap's
 * {@code SPICE_detail}. {@link #ALL} is the SPICE score itself; the others are diagnostics.
 */
public enum SpiceCategory {
    /** Every tuple: objects, attributes and relations. */
    ALL("All"),
    /** Object tuples {@code (dog)}. */
    OBJECT("Object"),
    /** Attribute tuples {@code (dog, brown)}. */
    ATTRIBUTE("Attribute"),
    /** Relation tuples {@code (dog, frisbee, catch)}. */
    RELATION("Relation"),
    /** Attribute tuples whose attribute is a number word one..ten. */
    CARDINALITY("Cardinality"),
    /** Attribute tuples whose attribute is a colour word. */
    COLOR("Color"),
    /** Attribute tuples whose attribute is a size adjective. */
    SIZE("Size");

    private final String jsonName;

    SpiceCategory(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The key SPICE and pycocoevalcap use: "All", "Object", ... */
    public String jsonName() {
        return jsonName;
    }
}
