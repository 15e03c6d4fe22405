package dev.nnjit.passes;

import dev.nnjit.graph.Graph;

/** One rewrite of the graph IR. Passes run in the order {@link PassPipeline} lists them. */
public interface GraphPass {
    String name();

    void apply(Graph graph);
}
