package io.github.blip2j.benchmarks.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded, COCO-like caption set: every image has a scene (subject, action, object, place) that
 * its references describe in different words, word orders, cases and punctuation, plus a
 * candidate that describes it less faithfully. Vocabulary: a few hundred common words and a
 * Zipf-distributed tail of ~8,000 rare ones, so n-gram statistics look like real captions
 * (about 10 words per caption, heavy overlap between references of an image).
 */
public final class SyntheticCaptions {

    private static final String[] NOUNS = ("man woman boy girl child person dog cat horse bird cow sheep elephant giraffe "
            + "zebra bear player skier surfer skateboarder people group couple chef train bus truck car motorcycle "
            + "bicycle airplane boat plate pizza sandwich cake donut banana apple orange broccoli table bench chair "
            + "couch bed laptop phone kite frisbee umbrella ball bat racket clock vase toilet sink oven refrigerator "
            + "street road field beach kitchen room park snow water grass building tree fence window sign hydrant").split(" ");
    private static final String[] SUBJECTS = ("man woman boy girl child person dog cat horse bird elephant giraffe zebra bear "
            + "player skier surfer skateboarder chef").split(" ");
    private static final String[] ADJECTIVES = ("white black red blue green yellow brown gray orange pink large small "
            + "young old little big tall wooden metal colorful busy empty crowded open clean dirty").split(" ");
    private static final String[] VERBS = ("riding holding eating sitting standing walking playing looking flying carrying "
            + "throwing catching watching laying jumping running driving parked resting waiting").split(" ");
    private static final String[] PREPOSITIONS = "on in near with at next to by under behind in front of".split(" ");
    private static final String[] PLACES = ("on a beach|in a kitchen|on a city street|in a field|on the grass|in the snow|"
            + "at a table|in a living room|on a sidewalk|near the water|in a park|on a plate|at the airport|"
            + "on a tennis court|in a parking lot|on a dirt road|next to a building|in the ocean").split("\\|");
    private static final String[] DETERMINERS = {"a", "a", "a", "the", "the", "one", "some"};
    private static final String[] NUMBERS = {"two", "three", "four", "several", "many", "2", "3"};
    private static final String[] ENDINGS = {".", ".", ".", "", "", " .", "!", "..."};
    private static final String[] SYLLABLES = "ka lo mi ne ru sa te vo zi pa do fe gu hi ja ki lu ma no pe ri so tu va we xi yo ze".split(" ");

    private final Random random;
    private final String[] tail;

    public SyntheticCaptions(long seed) {
        this.random = new Random(seed);
        this.tail = new String[8000];
        for (int i = 0; i < tail.length; i++) {
            StringBuilder w = new StringBuilder();
            int syllables = 2 + random.nextInt(3);
            for (int s = 0; s < syllables; s++) {
                w.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
            tail[i] = w.toString();
        }
    }

    /** One image: its references (in order) and its candidate. */
    public record Image(String id, List<String> references, String candidate) {
    }

    /** {@code images} images with {@code refsPerImage} references each, ids {@code 100000..}. */
    public List<Image> images(int images, int refsPerImage) {
        List<Image> out = new ArrayList<>(images);
        for (int i = 0; i < images; i++) {
            Scene scene = scene();
            List<String> refs = new ArrayList<>(refsPerImage);
            for (int r = 0; r < refsPerImage; r++) {
                refs.add(describe(scene, 0.15));
            }
            out.add(new Image(Integer.toString(100000 + i), refs, describe(scene, 0.45)));
        }
        return out;
    }

    /** Predictions map (image id -> candidate) of a set. */
    public static Map<String, String> predictions(List<Image> images) {
        Map<String, String> m = new LinkedHashMap<>();
        images.forEach(im -> m.put(im.id(), im.candidate()));
        return m;
    }

    /** References map (image id -> references), in image order. */
    public static Map<String, List<String>> references(List<Image> images) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        images.forEach(im -> m.put(im.id(), im.references()));
        return m;
    }

    private record Scene(String subject, String adjective, String verb, String object, String place, boolean plural) {
    }

    private Scene scene() {
        return new Scene(pick(SUBJECTS), pick(ADJECTIVES), pick(VERBS), pick(NOUNS), pick(PLACES), random.nextInt(5) == 0);
    }

    /** A caption of the scene; {@code noise} is the chance of each part being replaced or dropped. */
    private String describe(Scene s, double noise) {
        List<String> words = new ArrayList<>();
        String subject = maybe(noise) ? pick(SUBJECTS) : s.subject();
        if (s.plural()) {
            words.add(pick(NUMBERS));
            if (random.nextBoolean()) {
                words.add(word(s.adjective(), noise));
            }
            words.add(subject + "s");
        } else {
            words.add(pick(DETERMINERS));
            if (random.nextInt(3) > 0) {
                words.add(word(s.adjective(), noise));
            }
            words.add(subject);
        }
        if (random.nextInt(4) == 0) {
            words.add(s.plural() ? "are" : "is");
        }
        words.add(maybe(noise) ? pick(VERBS) : s.verb());
        if (random.nextInt(5) > 0) {
            words.add(pick(PREPOSITIONS).equals("with") ? "with" : DETERMINERS[random.nextInt(2)]);
            if (random.nextInt(3) == 0) {
                words.add(pick(ADJECTIVES));
            }
            words.add(word(s.object(), noise));
        }
        if (random.nextInt(6) > 0) {
            if (random.nextInt(8) == 0) {
                words.add(",");
            }
            words.add(maybe(noise) ? pick(PLACES) : s.place());
        }
        if (random.nextInt(6) == 0) {
            words.add("while");
            words.add(pick(DETERMINERS));
            words.add(word(pick(NOUNS), noise) + (random.nextInt(4) == 0 ? "'s" : ""));
            words.add(pick(VERBS));
        }
        String text = String.join(" ", words).replace(" ,", ",");
        int style = random.nextInt(10);
        if (style < 6) {
            text = Character.toUpperCase(text.charAt(0)) + text.substring(1);
        } else if (style == 6) {
            text = text.toUpperCase();
        }
        return text + pick(ENDINGS);
    }

    /** The word, or (with probability noise / 2) a rare word from the Zipf-distributed tail. */
    private String word(String common, double noise) {
        if (random.nextDouble() < noise / 2) {
            double u = random.nextDouble();
            int rank = (int) Math.min(tail.length - 1, Math.floor(Math.pow(tail.length, u)) - 1);
            return tail[rank];
        }
        return common;
    }

    private boolean maybe(double p) {
        return random.nextDouble() < p;
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }
}
