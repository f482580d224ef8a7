package io.github.blip2j.metrics.analysis;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The nouns the analysis counts as content ("elements") of a caption, as singular lemmas. Without a
 * part-of-speech tagger, a word is a noun when its lemma is in this set. {@link #defaults()} holds
 * about 500 concrete nouns common in Flickr8k/COCO captions (people, animals, vehicles, clothing,
 * body parts, sports gear, household objects, food, places, nature, and the demo's shapes), listed
 * in the resource {@code noun-lexicon.txt} with the words deliberately left out (mostly verbs or
 * adjectives in captions: orange, light, top, front, swing, slide, ...). Extend it with
 * {@link #with(Collection)} for a domain's own nouns.
 */
public final class NounLexicon {

    private static final class Holder {
        static final NounLexicon DEFAULTS = new NounLexicon(load());

        private static Set<String> load() {
            Set<String> words = new LinkedHashSet<>();
            for (String line : ResourceText.lines("noun-lexicon.txt")) {
                for (String w : line.split("\\s+")) {
                    words.add(w.toLowerCase(Locale.ROOT));
                }
            }
            return words;
        }
    }

    private final Set<String> nouns;
    private final Lemmatizer lemmatizer;

    private NounLexicon(Set<String> nouns) {
        this.nouns = Collections.unmodifiableSet(nouns);
        this.lemmatizer = Lemmatizer.english(this.nouns::contains);
    }

    /** The built-in lexicon. */
    public static NounLexicon defaults() {
        return Holder.DEFAULTS;
    }

    /** Exactly these nouns (singular lemmas). */
    public static NounLexicon of(Collection<String> nouns) {
        return new NounLexicon(normalise(new LinkedHashSet<>(), nouns));
    }

    /** This lexicon plus {@code more} nouns (singular lemmas). */
    public NounLexicon with(Collection<String> more) {
        return new NounLexicon(normalise(new LinkedHashSet<>(nouns), more));
    }

    private static Set<String> normalise(Set<String> into, Collection<String> words) {
        for (String w : words) {
            if (w == null || w.isBlank() || w.strip().contains(" ")) {
                throw new IllegalArgumentException("lexicon noun must be one non-blank word, got: '" + w + "'");
            }
            into.add(w.strip().toLowerCase(Locale.ROOT));
        }
        return into;
    }

    public boolean contains(String lemma) {
        return nouns.contains(lemma.toLowerCase(Locale.ROOT));
    }

    /** The lemma of a caption word if it is a noun of this lexicon, else {@code null}. */
    public String nounLemma(String word) {
        String lemma = lemmatizer.lemma(word);
        return nouns.contains(lemma) ? lemma : null;
    }

    /** Every noun, in the order they were listed. */
    public Set<String> nouns() {
        return nouns;
    }
}
