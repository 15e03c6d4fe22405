package dev.nnjit.runtime.wasm;

import dev.nnjit.graph.Value;
import dev.nnjit.runtime.LivenessSlots;
import java.util.Arrays;
import java.util.List;

/**
 * Where every memory tensor of a program lives in the linear memory, as byte addresses:
 * <pre>
 *   [0, 64)                 no tensor (a zero address is never one); bytes 16..31 are KernelThreads' control words
 *   constants               each kernel-read constant once, copied in when the executable is built
 *   arena                   inputs and intermediates, sharing slots by liveness ({@link LivenessSlots})
 *   workspaces              {@code threads} private scratch areas of the largest kernel workspace (over every
 *                           candidate of a tunable step's site, so a tuned winner fits)
 * </pre>
 * Every region starts at a 16-byte boundary. Lifetimes are closed intervals of steps: an input is born before the
 * first step, an intermediate at the step that writes it; a tensor lives through the last step that reads it or a
 * view of it; graph outputs to the end. Tensors alive at the same step never share bytes, so no kernel writes
 * what it reads.
 */
public record MemoryPlan(long[] address, long constantBytes, long arenaBytes, long workspaceBytes, int threads,
                         long peakLiveBytes, long unpooledBytes, int slots) {
    static final long RESERVED = 64;

    public long totalBytes() { return RESERVED + constantBytes + arenaBytes + workspaceBytes * threads; }

    public long workspace(int thread) { return RESERVED + constantBytes + arenaBytes + workspaceBytes * thread; }

    public static MemoryPlan plan(WasmProgram p, int threads) {
        List<MemTensor> tensors = p.tensors();
        int n = tensors.size();
        int[] birth = new int[n], death = new int[n];
        Arrays.fill(birth, Integer.MAX_VALUE);
        Arrays.fill(death, -2);
        for (MemTensor t : tensors) if (t.kind() == MemTensor.Kind.INPUT) birth[t.id()] = -1;
        long workspace = 0;
        for (int s = 0; s < p.steps().size(); s++) {
            WasmStep step = p.steps().get(s);
            for (MemTensor t : step.writes()) birth[t.storage().id()] = Math.min(birth[t.storage().id()], s);
            for (MemTensor t : step.reads()) death[t.storage().id()] = Math.max(death[t.storage().id()], s);
            for (MemTensor t : step.writes()) death[t.storage().id()] = Math.max(death[t.storage().id()], s);
            for (KernelCall c : step.calls()) workspace = Math.max(workspace, align(c.kernel().workspaceBytes()));
            // a tunable step may swap in any candidate of its site later: reserve the largest one's workspace
            if (step.tuned() != null) workspace = Math.max(workspace, align(step.tuned().maxWorkspaceBytes()));
        }
        for (Value out : p.graph().outputs()) {
            MemTensor t = p.memoryOf().get(out);
            if (t != null) death[t.storage().id()] = Integer.MAX_VALUE;
        }
        long[] bytes = new long[n];
        boolean[] pooled = new boolean[n];
        long[] address = new long[n];
        long constants = 0;
        for (MemTensor t : tensors) {
            bytes[t.id()] = align(t.bytes());
            if (t.kind() == MemTensor.Kind.CONSTANT) {
                address[t.id()] = RESERVED + constants;
                constants += bytes[t.id()];
            } else if (t.kind() != MemTensor.Kind.VIEW && birth[t.id()] != Integer.MAX_VALUE) {
                death[t.id()] = Math.max(death[t.id()], birth[t.id()]);
                pooled[t.id()] = true;
            }
        }
        LivenessSlots.Plan slots = LivenessSlots.assign(bytes, birth, death, pooled);
        long[] slotAt = new long[slots.slotBytes().length];
        long arena = 0;
        for (int s = 0; s < slotAt.length; s++) {
            slotAt[s] = RESERVED + constants + arena;
            arena += slots.slotBytes()[s];
        }
        for (MemTensor t : tensors) {
            if (pooled[t.id()]) address[t.id()] = slotAt[slots.slotOf()[t.id()]];
        }
        for (MemTensor t : tensors) if (t.kind() == MemTensor.Kind.VIEW) address[t.id()] = address[t.storage().id()];
        return new MemoryPlan(address, constants, arena, workspace, threads, slots.peakLiveBytes(),
                slots.unpooledBytes(), slotAt.length);
    }

    /** Byte address of {@code t} (a view's is its base's). */
    public long addressOf(MemTensor t) { return address[t.id()]; }

    static long align(long bytes) { return (bytes + 15) & ~15L; }
}
