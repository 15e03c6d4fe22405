package dev.nnjit.wasm.kernels;

import dev.nnjit.codegen.KernelProblem;

/** Softmax over the last axis of a contiguous f32 (rows, cols) tensor; rows are split across calls. */
public record WasmSoftmaxProblem(int cols) implements KernelProblem {
    public WasmSoftmaxProblem {
        if (cols <= 0) throw new IllegalArgumentException("softmax needs cols > 0, got " + cols);
    }

    @Override public String key() { return "f32_cols" + cols; }
}
