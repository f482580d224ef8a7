package io.github.blip2j.metrics.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Compares a caption with the objects known to be in its image (see {@link ObjectLabels} for the
 * categories). Matching is greedy in three passes so that a precise mention is never starved by a
 * looser one: first colour + shape (preferring an object of the mentioned size), then shape alone
 * for coloured mentions (a colour error), then shape alone for colourless mentions.
 */
public final class ObjectAnalyzer {

    private final ObjectMentionParser parser;

    public ObjectAnalyzer(ObjectVocabulary vocabulary) {
        this.parser = new ObjectMentionParser(Objects.requireNonNull(vocabulary, "vocabulary"));
    }

    /** The analyzer for the embedded demo's objects. */
    public static ObjectAnalyzer demo() {
        return new ObjectAnalyzer(ObjectVocabulary.demo());
    }

    public ObjectLabels analyze(String caption, List<GroundTruthObject> objects) {
        List<ObjectMention> mentions = parser.parse(caption);
        int n = objects.size();
        boolean[] used = new boolean[n];
        boolean[] named = new boolean[n];
        List<ObjectMention> correct = new ArrayList<>();
        List<ObjectMention> vague = new ArrayList<>();
        List<ObjectMention> hallucinated = new ArrayList<>();
        List<AttributeError> errors = new ArrayList<>();
        boolean[] placed = new boolean[mentions.size()];

        for (int k = 0; k < mentions.size(); k++) {
            ObjectMention m = mentions.get(k);
            if (m.colour() == null) {
                continue;
            }
            int best = -1;
            for (int o = 0; o < n; o++) {
                GroundTruthObject g = objects.get(o);
                if (!used[o] && g.shape().equals(m.shape()) && g.colour().equals(m.colour())) {
                    if (best < 0 || (m.size() != null && m.size().equals(g.size()))) {
                        best = o;
                    }
                }
            }
            if (best >= 0) {
                used[best] = true;
                named[best] = true;
                placed[k] = true;
                correct.add(m);
                GroundTruthObject g = objects.get(best);
                if (m.size() != null && g.size() != null && !m.size().equals(g.size())) {
                    errors.add(new AttributeError(AttributeError.Kind.SIZE, m, g));
                }
            }
        }
        for (int k = 0; k < mentions.size(); k++) {
            ObjectMention m = mentions.get(k);
            if (placed[k] || m.colour() == null) {
                continue;
            }
            int o = firstUnusedWithShape(objects, used, m.shape());
            placed[k] = true;
            if (o >= 0) {
                used[o] = true;
                errors.add(new AttributeError(AttributeError.Kind.COLOUR, m, objects.get(o)));
            } else {
                hallucinated.add(m);
            }
        }
        for (int k = 0; k < mentions.size(); k++) {
            ObjectMention m = mentions.get(k);
            if (placed[k]) {
                continue;
            }
            int o = firstUnusedWithShape(objects, used, m.shape());
            if (o >= 0) {
                used[o] = true;
                vague.add(m);
            } else if (objects.stream().anyMatch(g -> g.shape().equals(m.shape()))) {
                vague.add(m);
            } else {
                hallucinated.add(m);
            }
        }
        List<GroundTruthObject> recalled = new ArrayList<>();
        List<GroundTruthObject> omitted = new ArrayList<>();
        for (int o = 0; o < n; o++) {
            (named[o] ? recalled : omitted).add(objects.get(o));
        }
        return new ObjectLabels(objects, mentions, correct, vague, hallucinated, errors, recalled, omitted);
    }

    private static int firstUnusedWithShape(List<GroundTruthObject> objects, boolean[] used, String shape) {
        for (int o = 0; o < objects.size(); o++) {
            if (!used[o] && objects.get(o).shape().equals(shape)) {
                return o;
            }
        }
        return -1;
    }
}
