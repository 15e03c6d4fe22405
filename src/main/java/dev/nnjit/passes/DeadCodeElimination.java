package dev.nnjit.passes;

import dev.nnjit.graph.Graph;
import dev.nnjit.graph.Node;
import dev.nnjit.graph.Value;
import java.util.List;

/** Removes nodes none of whose outputs is read by another node or is a graph output. */
public final class DeadCodeElimination implements GraphPass {
    @Override public String name() { return "dead-code-elimination"; }

    @Override public void apply(Graph graph) {
        List<Node> nodes = graph.nodes();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Node n = graph.nodes().get(i);
            boolean live = false;
            for (Value out : n.outputs()) {
                if (!out.consumers().isEmpty() || graph.outputs().contains(out)) { live = true; break; }
            }
            if (!live) graph.removeNode(n);
        }
        graph.pruneValues();
    }
}
