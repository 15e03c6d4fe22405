package dev.nnjit.graph;

import java.util.List;
import java.util.Map;

/**
 * The {@link Node#payload()} of a control-flow node (If, and later Loop and Scan): its GRAPH attributes imported as
 * graphs, and the outer-scope values they read.
 *
 * <p>ONNX lets a subgraph read any value of an enclosing graph by name. The importer makes those reads explicit: the
 * node gets one extra input per captured value, after its own inputs, in {@link #captured()} order, and every body
 * gets the same values as extra graph inputs, after its own formal inputs and in the same order. So liveness,
 * dead-code elimination and topological order in the outer graph see the real dependencies, and an executor feeds a
 * body by position: its formal inputs, then the node's inputs from index {@code node inputs - captured size}.
 *
 * @param bodies by attribute name (e.g. "then_branch", "else_branch"); shared by graph copies, never mutated
 * @param captured names of the outer values the bodies read (nested bodies' reads included)
 */
public record Subgraphs(Map<String, Graph> bodies, List<String> captured) {
    public Subgraphs {
        bodies = Map.copyOf(bodies);
        captured = List.copyOf(captured);
    }

    public Graph body(String attribute) {
        Graph g = bodies.get(attribute);
        if (g == null) throw new GraphException("control-flow node has no '" + attribute + "' subgraph");
        return g;
    }
}
