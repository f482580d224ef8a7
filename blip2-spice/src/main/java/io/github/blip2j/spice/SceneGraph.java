package io.github.blip2j.spice;

import java.util.ArrayList;
import java.util.List;

/**
 * The scene graph of one caption or of all references of an image: objects with attributes, and
 * relations between objects. Built from propositions the way SPICE 1.0 builds it with synonym
 * merging on: a new object joins an existing node with an identical concept, else the most
 * similar node (shared word, or the largest synset overlap), else it becomes a new node;
 * attributes and relations merge into the first similar one.
 *
 * <p>SPICE keeps nodes and edges in identity-hashed maps, so where two candidates tie its choice
 * varies from run to run; here the earliest-added candidate wins, which makes results repeatable.
 */
final class SceneGraph {

    /** An object node. */
    static final class Node {
        final Concept object;
        final List<Concept> attributes = new ArrayList<>(2);

        Node(Concept object) {
            this.object = object;
        }
    }

    /** A directed, labelled edge between two nodes. */
    record Relation(Node source, Node target, Concept label) {
    }

    private final WordNetSynsets wordNet;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Relation> relations = new ArrayList<>();

    SceneGraph(WordNetSynsets wordNet) {
        this.wordNet = wordNet;
    }

    List<Node> nodes() {
        return nodes;
    }

    List<Relation> relations() {
        return relations;
    }

    void add(Proposition p) {
        switch (p.arity()) {
            case 1 -> node(p.term(0));
            case 2 -> addAttribute(p.term(0), p.term(1));
            case 3 -> addRelation(p.term(0), p.term(1), p.term(2));
            default -> throw new IllegalArgumentException("proposition of arity " + p.arity());
        }
    }

    private Concept concept(String word) {
        return new Concept(word, wordNet.synsetsOf(word));
    }

    private void addAttribute(String object, String attribute) {
        Node node = node(object);
        Concept attr = concept(attribute);
        for (Concept existing : node.attributes) {
            if (existing.sameAs(attr)) {
                return;
            }
        }
        for (Concept existing : node.attributes) {
            if (attr.similarTo(existing)) {
                existing.merge(attr);
                return;
            }
        }
        node.attributes.add(attr);
    }

    private void addRelation(String source, String target, String label) {
        Node from = node(source);
        Node to = node(target);
        // SPICE strips a leading "be " from copular predicates ("be on" -> "on").
        Concept concept = concept(label.replaceAll("^be ", ""));
        for (Relation r : relations) {
            if (r.source == from && r.target == to && r.label.sameAs(concept)) {
                return;
            }
        }
        for (Relation r : relations) {
            if (r.source == from && r.target == to && concept.similarTo(r.label)) {
                r.label.merge(concept);
                return;
            }
        }
        relations.add(new Relation(from, to, concept));
    }

    private Node node(String word) {
        Concept concept = concept(word);
        Node mostSimilar = null;
        float best = 0f;
        for (Node n : nodes) {
            if (n.object.sameAs(concept)) {
                return n;
            }
            float s = concept.similarity(n.object);
            if (s > best) {
                best = s;
                mostSimilar = n;
            }
        }
        if (mostSimilar != null) {
            mostSimilar.object.merge(concept);
            return mostSimilar;
        }
        Node created = new Node(concept);
        nodes.add(created);
        return created;
    }
}
