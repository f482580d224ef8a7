package io.github.blip2j.metrics.analysis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Finds the content nouns of a caption: each word whose lemma is in the {@link NounLexicon}; a
 * hyphenated word that is not itself a noun is tried part by part ("grass-covered" gives grass).
 * Multi-word nouns ("hot dog", "fire hydrant") are not recognised as units.
 */
public final class NounExtractor {

    private final NounLexicon lexicon;
    private final SynonymTable synonyms;

    public NounExtractor(NounLexicon lexicon, SynonymTable synonyms) {
        this.lexicon = Objects.requireNonNull(lexicon, "lexicon");
        this.synonyms = Objects.requireNonNull(synonyms, "synonyms");
    }

    /** The built-in lexicon and synonym table. */
    public static NounExtractor defaults() {
        return new NounExtractor(NounLexicon.defaults(), SynonymTable.defaults());
    }

    /** Every noun occurrence, in caption order. */
    public List<Noun> nouns(String caption) {
        List<Noun> out = new ArrayList<>();
        for (String w : Words.of(caption)) {
            if (!add(out, w) && w.indexOf('-') > 0) {
                for (String part : w.split("-")) {
                    add(out, part);
                }
            }
        }
        return out;
    }

    /** The distinct concepts of a caption's nouns, in order of first mention. */
    public Set<String> concepts(String caption) {
        Set<String> out = new LinkedHashSet<>();
        for (Noun n : nouns(caption)) {
            out.add(n.concept());
        }
        return out;
    }

    public SynonymTable synonyms() {
        return synonyms;
    }

    private boolean add(List<Noun> out, String word) {
        if (word.isEmpty()) {
            return false;
        }
        String lemma = lexicon.nounLemma(word);
        if (lemma == null) {
            return false;
        }
        out.add(new Noun(word, lemma, synonyms.concept(lemma)));
        return true;
    }
}
