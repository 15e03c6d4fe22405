package dev.nnjit.ops;

import dev.nnjit.tensor.Tensor;

/**
 * An op whose reference runs subgraphs (If; later Loop, Scan). Its node's payload is a
 * {@link dev.nnjit.graph.Subgraphs}; an executor calls {@link #compute(OpContext, Tensor[], SubgraphRunner)}.
 * Never folded at compile time: folding would need a runner there.
 */
public interface ControlFlowOp extends OpDef {
    Tensor[] compute(OpContext ctx, Tensor[] inputs, SubgraphRunner runner);

    @Override default Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        throw ctx.error("runs subgraphs; only an executor that can run them (the CPU backend) computes it");
    }

    @Override default boolean foldable() { return false; }
}
