package io.github.blip2j.benchmarks.meteor;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded, COCO-like caption set for METEOR benchmarks: each image has a scene (subject,
 * action, object, place) described by five references and one candidate, in different words
 * (synonyms, inflections, optional adjectives, reordered phrases), lower-case and PTB-tokenized
 * like pycocoevalcap's input. Typical caption: 8-14 tokens.
 */
public final class SyntheticCaptionCorpus {

    private static final String[][] SUBJECTS = {
        {"man", "person", "guy", "gentleman"}, {"woman", "lady", "person", "girl"}, {"dog", "puppy", "dogs", "canine"},
        {"cat", "kitten", "cats", "kitty"}, {"child", "kid", "boy", "children"}, {"skateboarder", "skater", "teenager", "boy"},
        {"giraffe", "giraffes", "animal", "giraffe"}, {"elephant", "elephants", "animal", "calf"}, {"player", "athlete", "man", "players"},
        {"bird", "birds", "pigeon", "seagull"}, {"horse", "horses", "pony", "stallion"}, {"train", "locomotive", "trains", "subway"}};
    private static final String[][] ACTIONS = {
        {"riding", "rides", "rode", "on"}, {"holding", "holds", "carrying", "with"}, {"sitting on", "sits on", "seated on", "on"},
        {"standing next to", "stands beside", "standing near", "next to"}, {"eating", "eats", "chewing", "munching on"},
        {"looking at", "watching", "staring at", "looks at"}, {"playing with", "plays with", "playing", "with"},
        {"walking along", "walks down", "walking on", "strolling along"}, {"throwing", "throws", "tossing", "catching"},
        {"lying on", "laying on", "lies on", "resting on"}};
    private static final String[][] OBJECTS = {
        {"skateboard", "board", "skateboards", "skate board"}, {"frisbee", "disc", "frisbees", "flying disc"},
        {"surfboard", "board", "surf board", "surfboards"}, {"pizza", "slice of pizza", "pizzas", "pie"},
        {"bench", "park bench", "benches", "wooden bench"}, {"umbrella", "umbrellas", "parasol", "red umbrella"},
        {"kite", "kites", "colorful kite", "large kite"}, {"laptop", "computer", "laptops", "notebook"},
        {"tennis racket", "racket", "racquet", "tennis racquet"}, {"bicycle", "bike", "bikes", "cycle"},
        {"sandwich", "sandwiches", "sub", "hot dog"}, {"ball", "balls", "soccer ball", "tennis ball"}};
    private static final String[][] PLACES = {
        {"on the beach", "at the beach", "near the ocean", "by the water"}, {"in a park", "at the park", "in the grass", "on a field"},
        {"on a city street", "in the street", "down the road", "on the sidewalk"}, {"in a kitchen", "in the kitchen", "at a table", "on a counter"},
        {"in the snow", "on a snowy hill", "on the slopes", "in the mountains"}, {"in a living room", "on a couch", "in the house", "indoors"},
        {"at a zoo", "in an enclosure", "in the zoo", "behind a fence"}, {"on a tennis court", "on the court", "at a game", "in a stadium"}};
    private static final String[] ADJECTIVES = {
        "young", "old", "small", "large", "big", "little", "white", "black", "brown", "red", "blue", "green", "happy", "tall"};
    private static final String[] DETERMINERS = {"a", "a", "the", "one", "an"};
    private static final String[] OPENERS = {"", "", "", "there is", "this is", "a picture of", "a photo of", "an image of"};

    private final List<String> candidates;
    private final List<List<String>> references;

    private SyntheticCaptionCorpus(List<String> candidates, List<List<String>> references) {
        this.candidates = candidates;
        this.references = references;
    }

    /** {@code images} images with {@code refsPerImage} references each, from {@code seed}. */
    public static SyntheticCaptionCorpus generate(int images, int refsPerImage, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<String> candidates = new ArrayList<>(images);
        List<List<String>> references = new ArrayList<>(images);
        for (int i = 0; i < images; i++) {
            int[] scene = {rng.nextInt(SUBJECTS.length), rng.nextInt(ACTIONS.length), rng.nextInt(OBJECTS.length), rng.nextInt(PLACES.length)};
            List<String> refs = new ArrayList<>(refsPerImage);
            for (int r = 0; r < refsPerImage; r++) {
                refs.add(describe(scene, rng));
            }
            references.add(refs);
            candidates.add(rng.nextInt(10) == 0 ? describe(randomScene(rng), rng) : describe(scene, rng));
        }
        return new SyntheticCaptionCorpus(candidates, references);
    }

    private static int[] randomScene(SplittableRandom rng) {
        return new int[] {rng.nextInt(SUBJECTS.length), rng.nextInt(ACTIONS.length), rng.nextInt(OBJECTS.length), rng.nextInt(PLACES.length)};
    }

    private static String describe(int[] scene, SplittableRandom rng) {
        StringBuilder sb = new StringBuilder();
        append(sb, OPENERS[rng.nextInt(OPENERS.length)]);
        append(sb, DETERMINERS[rng.nextInt(DETERMINERS.length)]);
        if (rng.nextInt(3) == 0) {
            append(sb, ADJECTIVES[rng.nextInt(ADJECTIVES.length)]);
        }
        append(sb, pick(SUBJECTS[scene[0]], rng));
        if (rng.nextInt(4) == 0) {
            append(sb, "is");
        }
        append(sb, pick(ACTIONS[scene[1]], rng));
        append(sb, DETERMINERS[rng.nextInt(DETERMINERS.length)]);
        if (rng.nextInt(3) == 0) {
            append(sb, ADJECTIVES[rng.nextInt(ADJECTIVES.length)]);
        }
        append(sb, pick(OBJECTS[scene[2]], rng));
        if (rng.nextInt(5) != 0) {
            append(sb, pick(PLACES[scene[3]], rng));
        }
        return sb.toString();
    }

    private static String pick(String[] options, SplittableRandom rng) {
        return options[rng.nextInt(options.length)];
    }

    private static void append(StringBuilder sb, String words) {
        if (words.isEmpty()) {
            return;
        }
        if (sb.length() > 0) {
            sb.append(' ');
        }
        sb.append(words);
    }

    /** One candidate caption per image. */
    public List<String> candidates() {
        return candidates;
    }

    /** The reference captions of each image, same order as {@link #candidates()}. */
    public List<List<String>> references() {
        return references;
    }
}
