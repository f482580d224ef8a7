package io.github.blip2j.spice;

import edu.stanford.nlp.ling.IndexedWord;
import edu.stanford.nlp.semgraph.SemanticGraph;
import edu.stanford.nlp.semgraph.SemanticGraphEdge;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Intra-sentence pronoun resolution of the scene-graph parser: a pronoun (not the first word) is
 * replaced by the first noun found breadth-first from the root, if that noun comes earlier in
 * the sentence; singular pronouns only take singular nouns. "A man holding his phone" then
 * yields (man, phone, have) rather than (he, phone, have).
 */
final class PronounResolver {

    /* Stanford dcoref's list of singular pronouns. */
    private static final Set<String> SINGULAR = Set.of("i", "me", "myself", "mine", "my", "yourself", "he",
        "him", "himself", "his", "she", "her", "herself", "hers", "it", "itself", "its", "one", "oneself",
        "one's");

    private PronounResolver() {
    }

    static void resolve(SemanticGraph sg) {
        // pronoun index -> antecedent index. A HashMap sized like the original's, so that two
        // pronouns are replaced in the same order (it decides the order of the moved edges).
        Map<Integer, Integer> antecedents = new HashMap<>(1);
        for (IndexedWord token : sg.vertexListSorted()) {
            if (token.index() <= 1 || !token.tag().startsWith("PRP")) {
                continue;
            }
            IndexedWord pronoun = sg.getNodeByIndexSafe(token.index());
            if (pronoun == null || sg.getParent(pronoun) == null || sg.getRoots().isEmpty()) {
                continue;
            }
            IndexedWord antecedent = firstNoun(sg, sg.getFirstRoot(), SINGULAR.contains(token.word()));
            if (antecedent != null && antecedent.index() < pronoun.index()) {
                antecedents.put(token.index(), antecedent.index());
            }
        }
        antecedents.forEach((pronounIndex, mentionIndex) -> replace(sg, pronounIndex, mentionIndex));
    }

    private static void replace(SemanticGraph sg, int pronounIndex, int mentionIndex) {
        IndexedWord mention = sg.getNodeByIndexSafe(mentionIndex);
        IndexedWord pronoun = sg.getNodeByIndexSafe(pronounIndex);
        if (mention == null || pronoun == null) {
            return;
        }
        if (sg.getRoots().contains(pronoun)) {
            sg.getRoots().remove(pronoun);
            sg.getRoots().add(mention);
        } else {
            for (SemanticGraphEdge edge : sg.getIncomingEdgesSorted(pronoun)) {
                sg.removeEdge(edge);
                sg.addEdge(edge.getGovernor(), mention, edge.getRelation(), edge.getWeight(), edge.isExtra());
            }
        }
        for (SemanticGraphEdge edge : sg.getOutEdgesSorted(pronoun)) {
            sg.removeEdge(edge);
            sg.addEdge(mention, edge.getDependent(), edge.getRelation(), edge.getWeight(), edge.isExtra());
        }
    }

    /*
     * Left-to-right breadth-first search below start, then below start's parent, and so on. The
     * original keeps no visited set and can loop forever on a cyclic graph; skipping revisits finds
     * the same noun whenever the original terminates.
     */
    private static IndexedWord firstNoun(SemanticGraph sg, IndexedWord start, boolean singularOnly) {
        Set<IndexedWord> starts = new HashSet<>();
        for (IndexedWord from = start; from != null && starts.add(from); from = sg.getParent(from)) {
            ArrayDeque<IndexedWord> queue = new ArrayDeque<>();
            Set<IndexedWord> seen = new HashSet<>();
            queue.add(from);
            seen.add(from);
            while (!queue.isEmpty()) {
                IndexedWord current = queue.poll();
                String tag = current.tag();
                if (tag.matches("^NNP?$") || (!singularOnly && tag.matches("^NNP?S?$"))) {
                    return current;
                }
                for (IndexedWord child : sg.getChildList(current)) {
                    if (seen.add(child)) {
                        queue.add(child);
                    }
                }
            }
        }
        return null;
    }
}
