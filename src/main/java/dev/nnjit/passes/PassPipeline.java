package dev.nnjit.passes;

import dev.nnjit.graph.Graph;
import dev.nnjit.ops.OpRegistry;
import java.util.List;

/** An ordered list of passes. Fusion passes for GPU backends join after folding. */
public final class PassPipeline {
    private final List<GraphPass> passes;

    public PassPipeline(List<GraphPass> passes) { this.passes = List.copyOf(passes); }

    /** What every backend runs once input shapes are known: infer, fold, drop dead nodes. */
    public static PassPipeline standard(OpRegistry registry) {
        return new PassPipeline(List.of(new InferAndFold(registry, true), new DeadCodeElimination()));
    }

    public List<GraphPass> passes() { return passes; }

    public void apply(Graph graph) {
        for (GraphPass p : passes) p.apply(graph);
    }
}
