package io.github.blip2j.metrics.analysis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Analyses a predicted caption against reference captions when no ground-truth objects are known
 * (Flickr8k, COCO):
 * <ul>
 *   <li>hallucination, in the spirit of CHAIR (Rohrbach et al., 2018): a noun of the prediction is
 *       hallucinated when no reference has a noun it {@linkplain SynonymTable#related matches}
 *       (same lemma, synonym, hypernym or hyponym). Unlike CHAIR it is not limited to the 80 COCO
 *       categories: any noun of the {@link NounLexicon} counts;</li>
 *   <li>omission: a concept is salient when at least {@code minReferences} references (capped at the
 *       number of references) mention it or something more specific ("man" supports "person", not
 *       the other way round); only the most specific salient concepts are kept; one is omitted when
 *       no noun of the prediction matches it;</li>
 *   <li>repetition, see {@link RepetitionDetector};</li>
 *   <li>elements: the distinct noun concepts of the prediction.</li>
 * </ul>
 */
public final class ReferenceAnalyzer {

    /** Default number of references that must mention a concept for its omission to count. */
    public static final int DEFAULT_MIN_REFERENCES = 3;

    private final NounExtractor extractor;
    private final SynonymTable synonyms;
    private final RepetitionDetector repetition;
    private final int minReferences;

    public ReferenceAnalyzer(NounExtractor extractor, RepetitionDetector repetition, int minReferences) {
        this.extractor = Objects.requireNonNull(extractor, "extractor");
        this.synonyms = extractor.synonyms();
        this.repetition = Objects.requireNonNull(repetition, "repetition");
        if (minReferences < 1) {
            throw new IllegalArgumentException("minReferences must be >= 1, got " + minReferences);
        }
        this.minReferences = minReferences;
    }

    /** Built-in lexicon and synonyms, omission at 3 references, repetition from 4-grams. */
    public static ReferenceAnalyzer defaults() {
        return new ReferenceAnalyzer(NounExtractor.defaults(), new RepetitionDetector(), DEFAULT_MIN_REFERENCES);
    }

    public ReferenceLabels analyze(String prediction, List<String> references) {
        Objects.requireNonNull(references, "references");
        List<Noun> predictedNouns = extractor.nouns(prediction);
        Set<String> predicted = new LinkedHashSet<>();
        predictedNouns.forEach(n -> predicted.add(n.concept()));
        List<Set<String>> refConcepts = new ArrayList<>();
        Set<String> allRef = new LinkedHashSet<>();
        for (String r : references) {
            Set<String> c = extractor.concepts(r);
            refConcepts.add(c);
            allRef.addAll(c);
        }
        List<String> hallucinated = new ArrayList<>();
        for (String p : predicted) {
            if (allRef.stream().noneMatch(r -> synonyms.related(p, r))) {
                hallucinated.add(p);
            }
        }
        Set<String> candidates = new LinkedHashSet<>(allRef);
        for (String r : allRef) {
            candidates.addAll(synonyms.ancestors(r));
        }
        List<String> hallucinatedWords = new ArrayList<>();
        for (Noun n : predictedNouns) {
            if (hallucinated.contains(n.concept()) && !hallucinatedWords.contains(n.word())) {
                hallucinatedWords.add(n.word());
            }
        }
        List<String> salient = salient(candidates, refConcepts);
        List<String> omitted = new ArrayList<>();
        for (String s : salient) {
            if (predicted.stream().noneMatch(p -> synonyms.related(p, s))) {
                omitted.add(s);
            }
        }
        return new ReferenceLabels(new ArrayList<>(predicted), hallucinated, hallucinatedWords, salient, omitted,
                repetition.repeatedNgrams(prediction));
    }

    private List<String> salient(Set<String> candidates, List<Set<String>> refConcepts) {
        int needed = Math.min(minReferences, refConcepts.size());
        List<String> supported = new ArrayList<>();
        for (String c : candidates) {
            int support = 0;
            for (Set<String> ref : refConcepts) {
                if (ref.stream().anyMatch(d -> d.equals(c) || synonyms.isAncestor(c, d))) {
                    support++;
                }
            }
            if (needed > 0 && support >= needed) {
                supported.add(c);
            }
        }
        List<String> mostSpecific = new ArrayList<>();
        for (String c : supported) {
            if (supported.stream().noneMatch(d -> !d.equals(c) && synonyms.isAncestor(c, d))) {
                mostSpecific.add(c);
            }
        }
        return mostSpecific;
    }
}
