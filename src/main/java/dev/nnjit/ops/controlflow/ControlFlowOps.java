package dev.nnjit.ops.controlflow;

import dev.nnjit.ops.OpDef;
import java.util.List;

/** Ops that run subgraphs (see {@link dev.nnjit.ops.ControlFlowOp}). */
public final class ControlFlowOps {
    private ControlFlowOps() {}

    public static List<OpDef> all() {
        return List.of(new If());
    }
}
