package dev.nnjit.runtime.wasm;

import dev.nnjit.graph.Node;
import dev.nnjit.graph.Value;

/**
 * Reshape, Flatten, Squeeze, Unsqueeze, Identity of an f32 tensor in memory: the output is a view of the input's
 * bytes (row-major order is unchanged), no step and no copy.
 */
final class ViewLowering implements WasmLowering {
    @Override public String lower(Node n, ProgramBuilder b) {
        Value x = n.input(0), y = n.output(0);
        if (x == null || x.isConstant() || !ProgramBuilder.inMemory(x) || !ProgramBuilder.inMemory(y)) {
            return "not an f32 tensor in memory";
        }
        b.view(y, b.in(x));
        return null;
    }
}
