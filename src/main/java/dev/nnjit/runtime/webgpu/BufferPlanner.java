package dev.nnjit.runtime.webgpu;

import dev.nnjit.runtime.LivenessSlots;
import java.util.Arrays;
import java.util.List;

/**
 * Assigns inputs and intermediates to reusable buffers by liveness, so that peak GPU memory is about the weights
 * plus the largest set of tensors alive at once.
 *
 * <p>Lifetimes are closed intervals of steps: an input is born at step -1 (written before the first dispatch) and
 * keeps its buffer to the end and between runs (so a resident input, {@code RunOptions.resident()}, keeps its content
 * from run to run: a KV cache's past), an intermediate is born at the first step that writes it; a tensor lives through the last step reading it or any view of it,
 * and graph outputs computed by kernels (and their bases) to the end, since they are copied out after the last step;
 * an input no kernel reads gets no buffer (nor upload). Tensors whose
 * intervals intersect never share a buffer, so a kernel never writes a buffer it reads (its inputs and outputs are
 * alive at the same step). Reuse is safe inside one command buffer because WebGPU orders dispatches that share a
 * writable buffer. The slots themselves come from {@link LivenessSlots}, shared with the wasm-simd backend.
 */
public final class BufferPlanner {
    private BufferPlanner() {}

    public static BufferPlan plan(GpuProgram program) {
        List<GpuTensor> tensors = program.tensors();
        int n = tensors.size();
        int steps = program.steps().size();
        int[] birth = new int[n];
        int[] death = new int[n];
        Arrays.fill(birth, Integer.MAX_VALUE);
        Arrays.fill(death, -2);
        for (GpuTensor t : tensors) {
            if (!pooled(t)) continue;
            if (t.kind() == GpuTensor.Kind.INPUT) birth[t.id()] = -1;
        }
        for (int s = 0; s < steps; s++) {
            GpuStep step = program.steps().get(s);
            for (int i = 0; i < step.args().size(); i++) {
                GpuTensor root = step.args().get(i).storage();
                if (!pooled(root)) continue;
                if (step.writes(i)) birth[root.id()] = Math.min(birth[root.id()], s);
                death[root.id()] = Math.max(death[root.id()], s);
            }
        }
        for (GpuProgram.Output o : program.outputs()) {
            GpuTensor root = o.tensor().storage();
            // Outputs computed on the GPU are copied out after the last step; inputs and constants are answered from
            // the CPU, so being an output does not keep them on the GPU.
            if (pooled(root) && root.kind() == GpuTensor.Kind.INTERMEDIATE) death[root.id()] = Integer.MAX_VALUE;
        }
        for (GpuTensor t : tensors) {
            // a read input owns its buffer for good: nothing else may write it, in this run or between runs
            if (pooled(t) && t.kind() == GpuTensor.Kind.INPUT && death[t.id()] >= 0) death[t.id()] = Integer.MAX_VALUE;
        }

        boolean[] planned = new boolean[n];
        long[] bytes = new long[n];
        for (GpuTensor t : tensors) {
            bytes[t.id()] = t.bytes();
            if (!pooled(t) || birth[t.id()] == Integer.MAX_VALUE) continue; // never written nor read: no buffer
            if (t.kind() == GpuTensor.Kind.INPUT && death[t.id()] < 0) continue; // an input no kernel reads
            death[t.id()] = Math.max(death[t.id()], birth[t.id()]);
            planned[t.id()] = true;
        }
        LivenessSlots.Plan p = LivenessSlots.assign(bytes, birth, death, planned);
        return new BufferPlan(p.slotOf(), p.slotBytes(), p.peakLiveBytes(), p.unpooledBytes());
    }

    private static boolean pooled(GpuTensor t) {
        return (t.kind() == GpuTensor.Kind.INPUT || t.kind() == GpuTensor.Kind.INTERMEDIATE) && !t.isEmpty();
    }
}
