package dev.nnjit.runtime.wasm;

import dev.nnjit.graph.Graph;
import dev.nnjit.graph.Node;

/** Lowers a specialized graph node by node: a kernel where the table has one that accepts the node, else its reference op. */
public final class WasmGraphLowering {
    private WasmGraphLowering() {}

    /** @param sharedMemory whether kernels import a shared memory (cross-origin isolated pages, Node) */
    public static WasmProgram lower(Graph g, WasmLoweringTable table, boolean sharedMemory) {
        ProgramBuilder b = new ProgramBuilder(g, sharedMemory);
        for (Node n : g.nodes()) {
            WasmLowering l = table.find(n.domain(), n.opType());
            String reason = l == null ? "no wasm kernel for " + n.opType() : l.lower(n, b);
            if (reason != null) b.referenceStep(n, reason);
        }
        return b.build();
    }
}
