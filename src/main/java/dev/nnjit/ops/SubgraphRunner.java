package dev.nnjit.ops;

import dev.nnjit.graph.Graph;
import dev.nnjit.tensor.Tensor;

/** Runs a control-flow body for a {@link ControlFlowOp}: given by the executor, which owns how graphs are run. */
public interface SubgraphRunner {
    /** The body's outputs, in order, from tensors for its inputs, in order. */
    Tensor[] run(Graph body, Tensor[] inputs);
}
