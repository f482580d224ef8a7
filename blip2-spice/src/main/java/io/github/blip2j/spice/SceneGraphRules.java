package io.github.blip2j.spice;

import edu.stanford.nlp.ling.IndexedWord;
import edu.stanford.nlp.semgraph.SemanticGraph;
import edu.stanford.nlp.semgraph.semgrex.SemgrexMatcher;
import edu.stanford.nlp.semgraph.semgrex.SemgrexPattern;
import edu.stanford.nlp.trees.UniversalEnglishGrammaticalRelations;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * SPICE's rule-based scene-graph extraction over a Universal Dependencies graph (CoreNLP's
 * collapsed, CC-processed dependencies): quantity rewriting and pronoun resolution first, then
 * dependency patterns that propose objects, attributes and relations.
 *
 * <p>The patterns and their order are SPICE 1.0's (its variant of the Stanford scene-graph
 * parser): plural nouns are not duplicated (a count becomes an attribute), every noun becomes an
 * object, compound nouns become noun + attribute. The order matters because the scene graph
 * merges similar concepts greedily in the order they are proposed. SPICE's conjunction rule is a
 * no-op (it compares a string with a word object), so it is not run.
 */
final class SceneGraphRules {

    private static final String NOUN = "{tag:/NNP?S?/}";
    private static final String PLURAL_NOUN = "{tag:/NNP?S/}";

    /* "A man is riding a horse." */
    private static final SemgrexPattern SUBJECT_PREDICATE_OBJECT = SemgrexPattern.compile(
        "{}=pred >nsubj " + NOUN + "=subj >/(iobj|dobj|nmod:.*)/=objreln " + NOUN + "=obj !> cop {}");
    /* "A cat sitting in a chair." */
    private static final SemgrexPattern CLAUSAL_MODIFIER = SemgrexPattern.compile(
        "{}=subj >acl ({tag:/V.*/}=pred >/(iobj|dobj|nmod:.*)/=objreln " + NOUN + "=obj)");
    /* "A woman is smiling." */
    private static final SemgrexPattern SUBJECT_PREDICATE = SemgrexPattern.compile(
        "{}=pred >nsubj " + NOUN + "=subj !>/(iobj|dobj|nmod:.*)/ " + NOUN + " !>cop {}");
    /* "The man is a rider." */
    private static final SemgrexPattern COPULA = SemgrexPattern.compile(
        "{}=pred >nsubj " + NOUN + "=subj >cop {}");
    /* "A smart woman." */
    private static final SemgrexPattern ADJECTIVE_MODIFIER = SemgrexPattern.compile("{}=obj >/(amod)/ {}=adj");
    /* "The man is tall." */
    private static final SemgrexPattern ADJECTIVE_PREDICATE = SemgrexPattern.compile("{tag:/J.*/}=adj >nsubj {}=obj");
    /* "A woman in the house." */
    private static final SemgrexPattern PREPOSITIONAL_MODIFIER = SemgrexPattern.compile(
        NOUN + "=gov >/nmod:.*/=reln {}=mod");
    /* "His watch." */
    private static final SemgrexPattern POSSESSIVE = SemgrexPattern.compile(
        NOUN + "=gov >/nmod:poss/=reln " + NOUN + "=mod");
    /* "A ball thrown by a boy." */
    private static final SemgrexPattern PASSIVE_AGENT = SemgrexPattern.compile(
        "{tag:/V.*/}=pred >/nmod:agent/=reln " + NOUN + "=subj >nsubjpass " + NOUN + "=obj ");
    /* Plural subject and plural object or prepositional object. */
    private static final SemgrexPattern PLURAL_SUBJECT_OBJECT = SemgrexPattern.compile(
        "{}=pred >nsubj " + PLURAL_NOUN + "=subj [ >/(.obj)/ (" + PLURAL_NOUN + "=obj) |  >/(nmod:((?!agent).)*$)/ ("
            + PLURAL_NOUN + "=obj >case {}) ] ");
    /* Plural subject only. */
    private static final SemgrexPattern PLURAL_SUBJECT = SemgrexPattern.compile(
        PLURAL_NOUN + "=subj [ == {$} | <nsubj ({} !>/.obj/ " + PLURAL_NOUN + " !>/(nmod:((?!agent).)*$)/ ("
            + PLURAL_NOUN + " > case {}) )]");
    /* Any other plural noun. */
    private static final SemgrexPattern PLURAL_OTHER = SemgrexPattern.compile(
        PLURAL_NOUN + "=word !== {$} !<nsubj {} !</.obj|nmod.*/ ({} >nsubj " + PLURAL_NOUN + ")");
    /* "A tennis racket." */
    private static final SemgrexPattern COMPOUND_NOUN = SemgrexPattern.compile(
        NOUN + "=tail >/(compound)/ " + NOUN + "=head");
    /* Every noun. */
    private static final SemgrexPattern ANY_NOUN = SemgrexPattern.compile(NOUN + "=word");

    private SceneGraphRules() {
    }

    /** Rewrites {@code sg} in place and appends what its sentence proposes to {@code out}. */
    static void extract(SemanticGraph sg, List<Proposition> out) {
        QuantifierRewriter.rewrite(sg);
        // The enhancer's compound and particle collapsing only set annotations that SPICE never
        // reads (it uses plain lemmas), so they are skipped.
        PronounResolver.resolve(sg);

        SemgrexMatcher m = SUBJECT_PREDICATE_OBJECT.matcher(sg);
        while (m.find()) {
            out.add(Proposition.relation(lemma(m.getNode("subj")), lemma(m.getNode("obj")),
                predicate(sg, m.getNode("pred")) + prepositionSuffix(m.getRelnString("objreln"))));
        }
        m = CLAUSAL_MODIFIER.matcher(sg);
        while (m.find()) {
            out.add(Proposition.relation(lemma(m.getNode("subj")), lemma(m.getNode("obj")),
                predicate(sg, m.getNode("pred")) + prepositionSuffix(m.getRelnString("objreln"))));
        }
        for (SemgrexPattern p : new SemgrexPattern[] {SUBJECT_PREDICATE, COPULA}) {
            m = p.matcher(sg);
            while (m.find()) {
                subjectPredicate(sg, m.getNode("subj"), m.getNode("pred"), out);
            }
        }
        m = ADJECTIVE_MODIFIER.matcher(sg);
        while (m.find()) {
            out.add(Proposition.attribute(lemma(m.getNode("obj")), lemma(m.getNode("adj"))));
        }
        m = ADJECTIVE_PREDICATE.matcher(sg);
        while (m.find()) {
            out.add(Proposition.attribute(lemma(m.getNode("obj")), lemma(m.getNode("adj"))));
        }
        m = PREPOSITIONAL_MODIFIER.matcher(sg);
        while (m.find()) {
            String predicate = m.getRelnString("reln").replace("nmod:", "").replace("_", " ");
            if (!predicate.equals("poss") && !predicate.equals("agent")) {
                out.add(Proposition.relation(lemma(m.getNode("gov")), lemma(m.getNode("mod")), predicate));
            }
        }
        m = POSSESSIVE.matcher(sg);
        while (m.find()) {
            out.add(Proposition.relation(lemma(m.getNode("mod")), lemma(m.getNode("gov")), "have"));
        }
        m = PASSIVE_AGENT.matcher(sg);
        while (m.find()) {
            out.add(Proposition.relation(lemma(m.getNode("subj")), lemma(m.getNode("obj")),
                predicate(sg, m.getNode("pred"))));
        }
        m = PLURAL_SUBJECT_OBJECT.matcher(sg);
        while (m.findNextMatchingNode()) {
            count(sg, m.getNode("subj"), out);
            count(sg, m.getNode("obj"), out);
        }
        m = PLURAL_SUBJECT.matcher(sg);
        while (m.findNextMatchingNode()) {
            count(sg, m.getNode("subj"), out);
        }
        m = PLURAL_OTHER.matcher(sg);
        while (m.findNextMatchingNode()) {
            count(sg, m.getNode("word"), out);
        }
        Set<IndexedWord> inCompounds = new HashSet<>();
        m = COMPOUND_NOUN.matcher(sg);
        while (m.find()) {
            IndexedWord tail = m.getNode("tail");
            IndexedWord head = m.getNode("head");
            inCompounds.add(tail);
            inCompounds.add(head);
            out.add(Proposition.attribute(lemma(tail), lemma(head)));
        }
        m = ANY_NOUN.matcher(sg);
        while (m.find()) {
            IndexedWord word = m.getNode("word");
            if (!inCompounds.contains(word)) {
                out.add(Proposition.object(lemma(word)));
            }
        }
    }

    /* Intransitive or copular predicate: a relation if it has a case marker ("is on"), else an attribute. */
    private static void subjectPredicate(SemanticGraph sg, IndexedWord subj, IndexedWord pred, List<Proposition> out) {
        if (sg.hasChildWithReln(pred, UniversalEnglishGrammaticalRelations.CASE_MARKER)) {
            IndexedWord caseMarker = sg.getChildWithReln(pred, UniversalEnglishGrammaticalRelations.CASE_MARKER);
            StringBuilder prep = new StringBuilder(caseMarker.value());
            for (IndexedWord more : sg.getChildrenWithReln(caseMarker,
                UniversalEnglishGrammaticalRelations.MULTI_WORD_EXPRESSION)) {
                prep.append(' ').append(more.value());
            }
            out.add(Proposition.relation(lemma(subj), lemma(pred), prep.toString()));
        } else if (!pred.lemma().equals("be")) {
            out.add(Proposition.attribute(lemma(subj), lemma(pred)));
        }
    }

    /* A count before a plural noun ("two dogs", "a lot of dogs") becomes an attribute of the noun. */
    private static void count(SemanticGraph sg, IndexedWord noun, List<Proposition> out) {
        if (sg.hasChildWithReln(noun, UniversalEnglishGrammaticalRelations.NUMERIC_MODIFIER)) {
            IndexedWord number = sg.getChildWithReln(noun, UniversalEnglishGrammaticalRelations.NUMERIC_MODIFIER);
            if (number.index() < noun.index()) { // not "number 5"
                out.add(Proposition.attribute(lemma(noun), lemma(number)));
            }
        } else if (sg.hasChildWithReln(noun, QuantifierRewriter.QMOD)) {
            out.add(Proposition.attribute(lemma(noun), lemma(sg.getChildWithReln(noun, QuantifierRewriter.QMOD))));
        }
    }

    /* The predicate lemma with its verb particle ("pick up"); "be" + particle keeps only " particle". */
    private static String predicate(SemanticGraph sg, IndexedWord pred) {
        if (sg.hasChildWithReln(pred, UniversalEnglishGrammaticalRelations.PHRASAL_VERB_PARTICLE)) {
            IndexedWord particle = sg.getChildWithReln(pred, UniversalEnglishGrammaticalRelations.PHRASAL_VERB_PARTICLE);
            return String.format("%s %s", pred.lemma().equals("be") ? "" : pred.lemma(), particle.value());
        }
        return pred.lemma();
    }

    /* "nmod:in_front_of" -> " in front of"; other relations add nothing. */
    private static String prepositionSuffix(String relation) {
        if (relation.startsWith("nmod:") && !relation.equals("nmod:poss") && !relation.equals("nmod:agent")) {
            return relation.replace("nmod:", " ").replace("_", " ");
        }
        return "";
    }

    private static String lemma(IndexedWord word) {
        return word.lemma().trim().toLowerCase(Locale.ROOT);
    }
}
