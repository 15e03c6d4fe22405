package dev.nnjit.runtime.wasm;

import dev.nnjit.graph.Node;
import java.util.List;

/**
 * One node of a wasm-simd program: either generated kernels ({@code calls} non-empty) or the node's plain-Java
 * reference op ({@code calls} empty, {@code reason} says why), which reads its inputs from the linear memory and
 * writes its outputs into it.
 *
 * @param reads, writes the memory tensors the step reads and writes (for liveness)
 * @param kernelName what the step runs: a kernel family (or families joined by '+'), or "reference"
 * @param tuned the step's schedule site where it has one (a tunable kernel), else null
 */
public record WasmStep(Node node, List<KernelCall> calls, List<MemTensor> reads, List<MemTensor> writes,
                       String kernelName, String reason, TunedStep tuned) {
    public WasmStep {
        calls = List.copyOf(calls);
        reads = List.copyOf(reads);
        writes = List.copyOf(writes);
    }

    public WasmStep(Node node, List<KernelCall> calls, List<MemTensor> reads, List<MemTensor> writes,
                    String kernelName, String reason) {
        this(node, calls, reads, writes, kernelName, reason, null);
    }

    public boolean isKernel() { return !calls.isEmpty(); }
}
