package dev.nnjit.runtime.wasm;

import dev.nnjit.graph.Graph;
import dev.nnjit.graph.Node;

/** Lowers a specialized graph node by node: a kernel where the table has one that accepts the node, else its reference op. */
public final class WasmGraphLowering {
    private WasmGraphLowering() {}

    /** As {@link #lower(Graph, WasmLoweringTable, boolean, boolean)} without relaxed SIMD. */
    public static WasmProgram lower(Graph g, WasmLoweringTable table, boolean sharedMemory) {
        return lower(g, table, sharedMemory, false);
    }

    /**
     * @param sharedMemory whether kernels import a shared memory (cross-origin isolated pages, Node)
     * @param relaxedSimd whether kernels may use relaxed SIMD instructions (the engine has them)
     */
    public static WasmProgram lower(Graph g, WasmLoweringTable table, boolean sharedMemory, boolean relaxedSimd) {
        ProgramBuilder b = new ProgramBuilder(g, sharedMemory, relaxedSimd);
        for (Node n : g.nodes()) {
            WasmLowering l = table.find(n.domain(), n.opType());
            String reason = l == null ? "no wasm kernel for " + n.opType() : l.lower(n, b);
            if (reason != null) b.referenceStep(n, reason);
        }
        return b.build();
    }
}
