package dev.nnjit.passes.fusion;

import dev.nnjit.graph.Graph;
import dev.nnjit.graph.Node;
import dev.nnjit.ops.OpRegistry;
import dev.nnjit.passes.GraphPass;
import java.util.ArrayList;

/**
 * A pattern rewrite tried at every node in topological order. Subclasses match at an anchor node and replace the
 * matched subgraph with a {@link Rewrite}, which checks types before changing anything. Nodes swallowed by an
 * earlier rewrite are skipped; the graph is re-sorted once at the end (new nodes are appended).
 */
abstract class FusionPass implements GraphPass {
    protected final OpRegistry registry;
    private int rewrites;

    FusionPass(OpRegistry registry) { this.registry = registry; }

    /** Tries the pattern anchored at {@code n}; returns true when the graph was rewritten. */
    protected abstract boolean rewriteAt(Graph g, Node n);

    /** How many rewrites the last {@link #apply} made (for logs and tests). */
    public int rewrites() { return rewrites; }

    @Override public void apply(Graph graph) {
        rewrites = 0;
        for (Node n : new ArrayList<>(graph.nodes())) {
            if (Rewrite.alive(n) && rewriteAt(graph, n)) rewrites++;
        }
        if (rewrites > 0) graph.sortTopologically();
        graph.pruneValues(); // also drops constants and fresh values of rewrites whose check failed
    }

    protected Rewrite rewrite(Graph g) { return new Rewrite(g, registry); }
}
