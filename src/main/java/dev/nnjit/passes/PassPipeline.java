package dev.nnjit.passes;

import dev.nnjit.graph.Graph;
import dev.nnjit.ops.OpRegistry;
import dev.nnjit.passes.fusion.AttentionFusion;
import dev.nnjit.passes.fusion.ElementwiseFusion;
import dev.nnjit.passes.fusion.GeluFusion;
import dev.nnjit.passes.fusion.IdentityElimination;
import dev.nnjit.passes.fusion.LayerNormFusion;
import dev.nnjit.passes.fusion.MatMulEpilogueFusion;
import dev.nnjit.passes.fusion.RmsNormFusion;
import dev.nnjit.passes.fusion.SiluFusion;
import java.util.List;

/** An ordered list of passes. Fusion passes for GPU backends join after folding. */
public final class PassPipeline {
    private final List<GraphPass> passes;

    public PassPipeline(List<GraphPass> passes) { this.passes = List.copyOf(passes); }

    /** What every backend runs once input shapes are known: infer, fold, inline Ifs on constants, drop dead nodes. */
    public static PassPipeline standard(OpRegistry registry) {
        return new PassPipeline(List.of(new InferAndFold(registry, true), new IfInlining(registry),
                new DeadCodeElimination()));
    }

    /**
     * For GPU backends, on a specialized graph: the standard passes, then the fusions that decide the kernels
     * (dev.nnjit.passes.fusion). Order matters: identities go first so patterns need not spell them; norms, GELU and
     * SiLU are recognized before attention and matmul epilogues consume them; elementwise fusion takes what is left.
     * Types are re-inferred at the end, which checks every fused node's type rule against the graph.
     */
    public static PassPipeline gpu(OpRegistry registry) {
        return new PassPipeline(List.of(
                new InferAndFold(registry, true),
                new IfInlining(registry),
                new DeadCodeElimination(),
                new IdentityElimination(),
                new LayerNormFusion(registry),
                new RmsNormFusion(registry),
                new GeluFusion(registry),
                new SiluFusion(registry),
                new AttentionFusion(registry),
                new MatMulEpilogueFusion(registry),
                new ElementwiseFusion(registry),
                new DeadCodeElimination(),
                new InferAndFold(registry, false)));
    }

    /**
     * For the wasm-simd backend: the standard passes, then the fusions its kernels consume (norms, GELU and SiLU,
     * matmul epilogues). Attention stays unfused (its matmuls and softmax run as kernels) and so do elementwise
     * groups (the elementwise kernels take single ops).
     */
    public static PassPipeline cpuKernels(OpRegistry registry) {
        return new PassPipeline(List.of(
                new InferAndFold(registry, true),
                new IfInlining(registry),
                new DeadCodeElimination(),
                new IdentityElimination(),
                new LayerNormFusion(registry),
                new RmsNormFusion(registry),
                new GeluFusion(registry),
                new SiluFusion(registry),
                new MatMulEpilogueFusion(registry),
                new DeadCodeElimination(),
                new InferAndFold(registry, false)));
    }

    public List<GraphPass> passes() { return passes; }

    public void apply(Graph graph) {
        for (GraphPass p : passes) p.apply(graph);
    }
}
