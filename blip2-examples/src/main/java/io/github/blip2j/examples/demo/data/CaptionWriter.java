package io.github.blip2j.examples.demo.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Writes reference captions the way people describe such pictures, from a small fixed vocabulary:
 * "a red circle above a small blue square", "two shapes: a red circle and a blue square", "there is
 * a large green triangle on the left". Each image gets five captions from five different templates
 * (chosen at random from seven per object count), so phrasing varies while every caption names every
 * object by colour and shape, in reading order (top to bottom, left to right) unless the template
 * relates the second object to the first. Sizes and positions appear in some captions only.
 */
public final class CaptionWriter {

    /** Captions per image, as in Flickr8k. */
    public static final int CAPTIONS_PER_IMAGE = 5;

    private static final List<Function<List<SceneObject>, String>> ONE = List.of(
            s -> np(s.get(0), false),
            s -> np(s.get(0), true),
            s -> "there is " + np(s.get(0), false) + " " + position(s.get(0)),
            s -> np(s.get(0), true) + " " + position(s.get(0)),
            s -> "one " + s.get(0).size().word() + " " + bare(s.get(0)) + " on a grey background",
            s -> "a single " + bare(s.get(0)),
            s -> "an image of " + np(s.get(0), true));

    private static final List<Function<List<SceneObject>, String>> TWO = List.of(
            s -> np(s.get(0), false) + " and " + np(s.get(1), false),
            s -> np(s.get(0), true) + " " + relation(s.get(0), s.get(1)) + " " + np(s.get(1), true),
            s -> "two shapes: " + np(s.get(0), false) + " and " + np(s.get(1), false),
            s -> "there is " + np(s.get(0), false) + " " + position(s.get(0)) + " and "
                    + np(s.get(1), false) + " " + position(s.get(1)),
            s -> np(s.get(1), false) + " " + relation(s.get(1), s.get(0)) + " " + np(s.get(0), false),
            s -> np(s.get(0), true) + " and " + np(s.get(1), true),
            s -> "two objects, " + np(s.get(0), false) + " and " + np(s.get(1), false));

    private static final List<Function<List<SceneObject>, String>> MANY = List.of(
            s -> list(s, false),
            s -> count(s) + " shapes: " + list(s, false),
            s -> "there are " + count(s) + " shapes, " + list(s, false),
            CaptionWriter::listWithPositions,
            s -> list(s, true),
            s -> count(s) + " objects: " + list(s, true),
            s -> "a picture of " + list(s, false));

    private CaptionWriter() {
    }

    /** Five distinct captions for objects given in reading order. */
    public static List<String> captions(List<SceneObject> objects, Random rnd) {
        if (objects.isEmpty() || objects.size() > 4) {
            throw new IllegalArgumentException("a scene has 1..4 objects, got " + objects.size());
        }
        List<Function<List<SceneObject>, String>> pool = new ArrayList<>(
                objects.size() == 1 ? ONE : objects.size() == 2 ? TWO : MANY);
        Collections.shuffle(pool, rnd);
        List<String> out = new ArrayList<>(CAPTIONS_PER_IMAGE);
        for (int i = 0; i < CAPTIONS_PER_IMAGE; i++) {
            out.add(pool.get(i).apply(objects));
        }
        return out;
    }

    /**
     * Every word any caption can use, for a tokenizer vocabulary that does not depend on which
     * scenes were drawn. Punctuation marks are words too, as a Whitespace pre-tokenizer splits them off.
     */
    public static List<String> vocabulary() {
        TreeSet<String> words = new TreeSet<>(List.of(
                "a", "an", "and", "there", "is", "are", "one", "two", "three", "four", "shapes", "objects",
                "single", "image", "of", "picture", "on", "grey", "background", "above", "below", "to", "the",
                "left", "right", "in", "top", "bottom", "middle", "corner", "at", ":", ","));
        for (ObjectColour c : ObjectColour.values()) {
            words.add(c.word());
        }
        for (ShapeKind s : ShapeKind.values()) {
            words.add(s.word());
        }
        for (ObjectSize s : ObjectSize.values()) {
            words.add(s.word());
        }
        return List.copyOf(words);
    }

    /** "red circle" */
    private static String bare(SceneObject o) {
        return o.colour().word() + " " + o.shape().word();
    }

    /** "a red circle", "a large red circle", "an orange star" */
    static String np(SceneObject o, boolean withSize) {
        String rest = (withSize ? o.size().word() + " " : "") + bare(o);
        return article(rest) + " " + rest;
    }

    private static String article(String next) {
        return "aeiou".indexOf(next.charAt(0)) >= 0 ? "an" : "a";
    }

    /** "on the left", "in the top right corner", "in the middle" */
    static String position(SceneObject o) {
        return switch (o.row() * 3 + o.col()) {
            case 0 -> "in the top left corner";
            case 1 -> "at the top";
            case 2 -> "in the top right corner";
            case 3 -> "on the left";
            case 4 -> "in the middle";
            case 5 -> "on the right";
            case 6 -> "in the bottom left corner";
            case 7 -> "at the bottom";
            default -> "in the bottom right corner";
        };
    }

    /** Where {@code a} is relative to {@code b}: vertical when their rows differ, else horizontal. */
    static String relation(SceneObject a, SceneObject b) {
        if (a.row() != b.row()) {
            return a.row() < b.row() ? "above" : "below";
        }
        return a.col() < b.col() ? "to the left of" : "to the right of";
    }

    private static String count(List<SceneObject> s) {
        return switch (s.size()) {
            case 2 -> "two";
            case 3 -> "three";
            default -> "four";
        };
    }

    /** "a red circle, a blue square and a green star" */
    private static String list(List<SceneObject> s, boolean withSize) {
        List<String> parts = new ArrayList<>();
        for (SceneObject o : s) {
            parts.add(np(o, withSize));
        }
        return join(parts);
    }

    private static String listWithPositions(List<SceneObject> s) {
        List<String> parts = new ArrayList<>();
        for (SceneObject o : s) {
            parts.add(np(o, false) + " " + position(o));
        }
        return join(parts);
    }

    private static String join(List<String> parts) {
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }
}
