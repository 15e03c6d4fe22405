package dev.nnjit.runtime.wasm;

import dev.nnjit.graph.Graph;
import dev.nnjit.graph.Value;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A graph lowered for the wasm-simd backend: the steps in graph order, the memory tensors, and which graph value
 * lives in which memory tensor (every non-constant f32 value; integer and bool values, and f32 constants no kernel
 * reads, stay Java tensors). {@code relaxedSimd}: whether its kernels were allowed relaxed SIMD (the GEMM's schedule).
 */
public record WasmProgram(Graph graph, List<MemTensor> tensors, List<WasmStep> steps, Map<Value, MemTensor> memoryOf,
                          boolean relaxedSimd) {
    public WasmProgram {
        tensors = List.copyOf(tensors);
        steps = List.copyOf(steps);
        memoryOf = Collections.unmodifiableMap(memoryOf);
    }
}
