package dev.nnjit.runtime.wasm;

import dev.nnjit.graph.Node;

/** Lowers one node to wasm-simd kernels, or says why it cannot (the node then runs its reference op). */
@FunctionalInterface
public interface WasmLowering {
    /**
     * Adds the node's kernel step (and views) to {@code b} and returns null; or returns the reason it cannot, having
     * added nothing.
     */
    String lower(Node n, ProgramBuilder b);
}
