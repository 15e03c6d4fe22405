package dev.nnjit.runtime.wasm;

import dev.nnjit.graph.Graph;
import dev.nnjit.graph.Node;
import dev.nnjit.tune.ScheduleChooser;
import dev.nnjit.wasm.kernels.WasmCpu;

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
        return lower(g, table, new WasmCpu(relaxedSimd, 1, sharedMemory), ScheduleChooser.DEFAULT);
    }

    /**
     * @param cpu the CPU the kernels' schedule spaces derive from (memory kind, relaxed SIMD, threads)
     * @param chooser picks the schedule of every tunable kernel step (a tuning cache's, or the defaults)
     */
    public static WasmProgram lower(Graph g, WasmLoweringTable table, WasmCpu cpu, ScheduleChooser chooser) {
        ProgramBuilder b = new ProgramBuilder(g, cpu, chooser);
        for (Node n : g.nodes()) {
            WasmLowering l = table.find(n.domain(), n.opType());
            String reason = l == null ? "no wasm kernel for " + n.opType() : l.lower(n, b);
            if (reason != null) b.referenceStep(n, reason);
        }
        return b.build();
    }
}
