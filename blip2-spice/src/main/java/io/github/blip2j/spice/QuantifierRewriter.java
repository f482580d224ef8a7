package io.github.blip2j.spice;

import edu.stanford.nlp.international.Language;
import edu.stanford.nlp.ling.IndexedWord;
import edu.stanford.nlp.semgraph.SemanticGraph;
import edu.stanford.nlp.semgraph.SemanticGraphEdge;
import edu.stanford.nlp.semgraph.semgrex.SemgrexMatcher;
import edu.stanford.nlp.semgraph.semgrex.SemgrexPattern;
import edu.stanford.nlp.trees.GrammaticalRelation;
import edu.stanford.nlp.trees.UniversalEnglishGrammaticalRelations;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Rewrites quantity expressions ("a lot of people", "lots of boats", "two of the dogs") so that
 * the counted noun becomes the head and the quantity hangs off it as one {@code det:qmod}
 * multi-word expression, as the scene-graph parser's semantic-graph enhancer does before its
 * rules run. Without it "a bunch of bananas" would yield the object "bunch" instead of "banana".
 */
final class QuantifierRewriter {

    /** Relation from the counted noun to the first word of its quantity expression. */
    static final GrammaticalRelation QMOD = quantificationalModifier();

    /* "a lot of", "a couple of", "a bunch of", ... : w1 = article, w2 = quantity noun, w3 = "of". */
    private static final SemgrexPattern ARTICLE_QUANTITY = SemgrexPattern.compile(
        "{word:/(?i:lot|assortment|number|couple|bunch|handful|litany|sheaf|slew|dozen|series|variety"
            + "|multitude|wad|clutch|wave|mountain|array|spate|string|ton|range|plethora|heap|sort|form"
            + "|kind|type|version|bit|pair|triple|total)/}=w2 >det {word:/(?i:an?)/}=w1"
            + " >/nmod.*/ ({tag:/(NN.*|PRP.*)/}=gov >case {word:/(?i:of)/}=w3) . {}=w3");

    /* "lots of", "dozens of", "hundreds of", "1000s of": w1 = quantity, w2 = "of". */
    private static final SemgrexPattern PLURAL_QUANTITY = SemgrexPattern.compile(
        "{word:/(?i:lots|many|several|plenty|tons|dozens|multitudes|mountains|loads|pairs|tens|hundreds"
            + "|thousands|millions|billions|trillions|[0-9]+s)/}=w1"
            + " >/nmod.*/ ({tag:/(NN.*|PRP.*)/}=gov >case {word:/(?i:of)/}=w2) . {}=w2");

    /* "some of the", "all of them", "two of the": w1 = quantifier, w2 = "of". */
    private static final SemgrexPattern PARTITIVE = SemgrexPattern.compile(
        "{word:/(?i:some|all|both|neither|everyone|nobody|one|two|three|four|five|six|seven|eight|nine"
            + "|ten|hundred|thousand|million|billion|trillion|[0-9]+)/}=w1"
            + " [>/nmod.*/ ({tag:/(NN.*)/}=gov >case ({word:/(?i:of)/}=w2 $+ {}=det) >det {}=det)"
            + " |  >/nmod.*/ ({tag:/(PRP.*)/}=gov >case {word:/(?i:of)/}=w2)] . {}=w2");

    private QuantifierRewriter() {
    }

    /** Applies the three rewrites in order; stops early, like the original, on a headless match. */
    static void rewrite(SemanticGraph sg) {
        if (!rewriteAll(sg, ARTICLE_QUANTITY, "w2", QuantifierRewriter::articleQuantityWords)) {
            return;
        }
        if (!rewriteAll(sg, PLURAL_QUANTITY, "w1", QuantifierRewriter::leadingWords)) {
            return;
        }
        rewriteAll(sg, PARTITIVE, "w1", QuantifierRewriter::leadingWords);
    }

    /*
     * Matches run over a copy of the graph (so edits do not disturb the matcher) and edit the
     * original: the quantity head hands its incoming edge to the counted noun, then the quantity
     * words are re-attached under the noun as one expression. Returns false when a quantity head
     * had neither a parent nor root status, the case where the original gives up on the graph.
     */
    private static boolean rewriteAll(SemanticGraph sg, SemgrexPattern pattern, String headName,
                                      BiFunction<SemanticGraph, SemgrexMatcher, List<IndexedWord>> words) {
        SemgrexMatcher m = pattern.matcher(sg.makeSoftCopy());
        while (m.findNextMatchingNode()) {
            IndexedWord head = m.getNode(headName);
            IndexedWord gov = m.getNode("gov");
            if (!sg.getRoots().contains(head)) {
                IndexedWord parent = sg.getParent(head);
                if (parent == null) {
                    return false;
                }
                SemanticGraphEdge edge = sg.getEdge(parent, head);
                sg.removeEdge(edge);
                sg.addEdge(parent, gov, edge.getRelation(), edge.getWeight(), edge.isExtra());
            } else {
                sg.getRoots().remove(head);
                sg.addRoot(gov);
            }
            SemanticGraphEdge toGov = sg.getEdge(head, gov);
            if (toGov != null) {
                sg.removeEdge(toGov);
            }
            List<IndexedWord> expression = words.apply(sg, m);
            Collections.sort(expression);
            attachExpression(sg, gov, expression);
        }
        return true;
    }

    /* article + quantity noun + "of", plus adjectives before the quantity noun ("a whole bunch of"). */
    private static List<IndexedWord> articleQuantityWords(SemanticGraph sg, SemgrexMatcher m) {
        IndexedWord w2 = m.getNode("w2");
        List<IndexedWord> words = new ArrayList<>(List.of(m.getNode("w1"), w2, m.getNode("w3")));
        for (IndexedWord child : sg.getChildrenWithReln(w2, UniversalEnglishGrammaticalRelations.ADJECTIVAL_MODIFIER)) {
            if (child.index() < w2.index()) {
                words.add(child);
            }
        }
        return words;
    }

    /* quantity word + "of", plus any dependents left of the quantity word. */
    private static List<IndexedWord> leadingWords(SemanticGraph sg, SemgrexMatcher m) {
        IndexedWord w1 = m.getNode("w1");
        List<IndexedWord> words = new ArrayList<>(List.of(w1, m.getNode("w2")));
        for (IndexedWord child : sg.getChildren(w1)) {
            if (child.index() < w1.index()) {
                words.add(child);
            }
        }
        return words;
    }

    /* First word under gov via det:qmod, the rest under the first word via mwe. */
    private static void attachExpression(SemanticGraph sg, IndexedWord gov, List<IndexedWord> words) {
        if (sg.getRoots().isEmpty() || gov == null || words.isEmpty()) {
            return;
        }
        IndexedWord first = null;
        for (IndexedWord word : words) {
            for (SemanticGraphEdge edge : sg.incomingEdgeList(word)) {
                sg.removeEdge(edge);
            }
            if (first == null) {
                sg.addEdge(gov, word, QMOD, Double.NEGATIVE_INFINITY, false);
                first = word;
            } else {
                sg.addEdge(first, word, UniversalEnglishGrammaticalRelations.MULTI_WORD_EXPRESSION,
                    Double.NEGATIVE_INFINITY, false);
            }
        }
    }

    private static GrammaticalRelation quantificationalModifier() {
        GrammaticalRelation qmod;
        try {
            qmod = new GrammaticalRelation(Language.UniversalEnglish, "det:qmod", "quantificational modifier",
                UniversalEnglishGrammaticalRelations.MODIFIER);
        } catch (IllegalArgumentException alreadyDefined) {
            // Another library (the original scene-graph parser) registered it first: equal by name.
            return GrammaticalRelation.valueOf(Language.UniversalEnglish, "det:qmod");
        }
        UniversalEnglishGrammaticalRelations.threadSafeAddRelation(qmod);
        return qmod;
    }
}
