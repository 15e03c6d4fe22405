package dev.nnjit.runtime.webgpu;

import java.util.List;

/**
 * A graph lowered to kernels for one set of input shapes: every tensor, the dispatches in execution order, the
 * graph inputs and the graph outputs. Pure data, built and checked on any JVM; {@link WebGpuExecutable} runs it.
 *
 * @param tensors indexed by {@link GpuTensor#id()}
 * @param inputs one per graph input, in graph order
 * @param outputs one per graph output, in graph order
 */
public record GpuProgram(List<GpuTensor> tensors, List<GpuStep> steps, List<GpuTensor> inputs, List<Output> outputs) {

    /** A graph output: its name and the tensor holding it (may be an input, a constant, a view or empty). */
    public record Output(String name, GpuTensor tensor) {}

    public GpuProgram {
        tensors = List.copyOf(tensors);
        steps = List.copyOf(steps);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** Bytes of all constants read by kernels (the weights on the GPU). */
    public long constantBytes() {
        long n = 0;
        for (GpuTensor t : tensors) if (t.kind() == GpuTensor.Kind.CONSTANT) n += t.bytes();
        return n;
    }

    /** Kernel counts by op type, for logs and tests. */
    public java.util.Map<String, Integer> kernelHistogram() {
        java.util.Map<String, Integer> h = new java.util.TreeMap<>();
        for (GpuStep s : steps) h.merge(s.opType() + "/" + s.kernel().family(), 1, Integer::sum);
        return h;
    }
}
