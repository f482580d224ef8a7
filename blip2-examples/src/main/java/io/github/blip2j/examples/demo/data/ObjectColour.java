package io.github.blip2j.examples.demo.data;

import java.awt.Color;
import java.util.Locale;

/** The colours objects are painted in; each is one caption word, and distinct from the grey background. */
public enum ObjectColour {
    RED(220, 30, 30), GREEN(30, 170, 50), BLUE(30, 70, 230), YELLOW(245, 225, 30),
    PURPLE(140, 50, 190), ORANGE(250, 135, 20), WHITE(250, 250, 250), BLACK(15, 15, 15);

    private final Color rgb;

    ObjectColour(int r, int g, int b) {
        this.rgb = new Color(r, g, b);
    }

    public Color rgb() {
        return rgb;
    }

    /** The caption word: "red". */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
