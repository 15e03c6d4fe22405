package dev.nnjit.runtime.webgpu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Assigns inputs and intermediates to reusable buffers by liveness, so that peak GPU memory is about the weights
 * plus the largest set of tensors alive at once.
 *
 * <p>Lifetimes are counted in steps: an input is born before step 0, an intermediate at the first step that writes
 * it; a tensor dies after the last step reading it or any view of it, and graph outputs (and their bases) never die,
 * since they are copied out after the last step. At each step, the outputs it creates take buffers first and only
 * then do the tensors whose last read is this step give theirs back, so a kernel never writes a buffer it reads.
 * Reuse is safe inside one command buffer because WebGPU orders dispatches that share a writable buffer.
 *
 * <p>Choice of buffer: the smallest free one that is large enough; else the largest free one, grown to fit
 * (buffers are created after planning, at their final size); else a new one.
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
            if (pooled(root)) death[root.id()] = Integer.MAX_VALUE;
        }

        // Events in step order: at step s, births first, then deaths of tensors last read at s.
        List<List<GpuTensor>> born = new ArrayList<>();
        List<List<GpuTensor>> dies = new ArrayList<>();
        for (int s = 0; s <= steps; s++) { born.add(new ArrayList<>()); dies.add(new ArrayList<>()); }
        long unpooled = 0;
        for (GpuTensor t : tensors) {
            if (!pooled(t) || birth[t.id()] == Integer.MAX_VALUE) continue; // never written nor read: no buffer
            unpooled += t.bytes();
            born.get(birth[t.id()] + 1).add(t);
            int d = death[t.id()];
            if (d != Integer.MAX_VALUE) dies.get(Math.max(d, birth[t.id()]) + 1).add(t);
        }

        int[] slotOf = new int[n];
        Arrays.fill(slotOf, -1);
        List<Long> slotBytes = new ArrayList<>();
        List<Integer> free = new ArrayList<>();
        long live = 0;
        long peak = 0;
        for (int e = 0; e <= steps; e++) {
            for (GpuTensor t : born.get(e)) {
                int slot = pick(free, slotBytes, t.bytes());
                if (slot < 0) {
                    slot = slotBytes.size();
                    slotBytes.add(t.bytes());
                } else {
                    free.remove(Integer.valueOf(slot));
                    if (slotBytes.get(slot) < t.bytes()) slotBytes.set(slot, t.bytes());
                }
                slotOf[t.id()] = slot;
                live += t.bytes();
            }
            peak = Math.max(peak, live);
            for (GpuTensor t : dies.get(e)) {
                free.add(slotOf[t.id()]);
                live -= t.bytes();
            }
        }
        long[] sizes = new long[slotBytes.size()];
        for (int i = 0; i < sizes.length; i++) sizes[i] = slotBytes.get(i);
        return new BufferPlan(slotOf, sizes, peak, unpooled);
    }

    private static boolean pooled(GpuTensor t) {
        return (t.kind() == GpuTensor.Kind.INPUT || t.kind() == GpuTensor.Kind.INTERMEDIATE) && !t.isEmpty();
    }

    /** Smallest free slot of at least {@code bytes}; else the largest free slot (to grow); else -1. */
    private static int pick(List<Integer> free, List<Long> slotBytes, long bytes) {
        int best = -1;
        int largest = -1;
        for (int s : free) {
            long size = slotBytes.get(s);
            if (size >= bytes && (best < 0 || size < slotBytes.get(best))) best = s;
            if (largest < 0 || size > slotBytes.get(largest)) largest = s;
        }
        return best >= 0 ? best : largest;
    }
}
