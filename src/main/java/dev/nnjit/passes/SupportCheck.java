package dev.nnjit.passes;

import dev.nnjit.graph.Graph;
import dev.nnjit.graph.GraphException;
import dev.nnjit.graph.Node;
import dev.nnjit.graph.Subgraphs;
import dev.nnjit.ops.OpDef;
import dev.nnjit.ops.OpRegistry;

/**
 * Fails at load time, naming op, node and opset, when the graph (or a subgraph of a control-flow node, at any depth)
 * uses an op nnjit does not implement.
 */
public final class SupportCheck implements GraphPass {
    private final OpRegistry registry;

    public SupportCheck(OpRegistry registry) { this.registry = registry; }

    @Override public String name() { return "support-check"; }

    @Override public void apply(Graph graph) {
        for (Node n : graph.nodes()) {
            OpDef d = registry.find(n.domain(), n.opType());
            if (d == null) {
                throw new GraphException("unsupported op '" + (n.domain().isEmpty() ? "" : n.domain() + ".") + n.opType()
                        + "' at node '" + n.name() + "' (opset " + n.opset() + ")");
            }
            if (n.opset() < d.minOpset()) {
                throw new GraphException("unsupported op '" + n.opType() + "' at node '" + n.name() + "' (opset "
                        + n.opset() + "): nnjit implements it from opset " + d.minOpset());
            }
            if (n.payload() instanceof Subgraphs) {
                for (Graph body : ((Subgraphs) n.payload()).bodies().values()) apply(body);
            }
        }
    }
}
