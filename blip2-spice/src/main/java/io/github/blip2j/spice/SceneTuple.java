package io.github.blip2j.spice;

import java.util.ArrayList;
import java.util.List;

/** A tuple of a built scene graph: 1 to 3 concepts (object / object, attribute / source, relation, target). */
record SceneTuple(List<Concept> concepts) {

    int arity() {
        return concepts.size();
    }

    Concept concept(int i) {
        return concepts.get(i);
    }

    /** Position by position, every concept shares a word or a synset with the other's. */
    boolean matches(SceneTuple other) {
        if (arity() != other.arity()) {
            return false;
        }
        for (int i = 0; i < arity(); i++) {
            if (!concepts.get(i).similarTo(other.concepts.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** All tuples of a graph: each object, each (object, attribute), each (source, relation, target). */
    static List<SceneTuple> of(SceneGraph graph) {
        List<SceneTuple> tuples = new ArrayList<>();
        for (SceneGraph.Node node : graph.nodes()) {
            tuples.add(new SceneTuple(List.of(node.object)));
            for (Concept attribute : node.attributes) {
                tuples.add(new SceneTuple(List.of(node.object, attribute)));
            }
        }
        for (SceneGraph.Relation r : graph.relations()) {
            tuples.add(new SceneTuple(List.of(r.source().object, r.label(), r.target().object)));
        }
        return tuples;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < concepts.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(concepts.get(i));
        }
        return sb.append(')').toString();
    }
}
