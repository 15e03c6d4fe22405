package dev.nnjit.runtime.wasm;

import dev.nnjit.graph.Value;
import dev.nnjit.runtime.LivenessSlots;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where every memory tensor of one program (one plan) lives in its model's linear memory ({@link ModelMemory}), as
 * byte addresses:
 * <pre>
 *   constants     the model's: each constant (and layout) at one address for every plan; {@link #copyIn} lists
 *                 those no earlier plan copied in, which this plan's executable copies in when it is built
 *   control       this plan's KernelThreads control words ({@link #control}: 64 bytes of its own)
 *   activations   from {@link #activationBase}: the arena (inputs and intermediates, sharing slots by liveness,
 *                 {@link LivenessSlots}), then {@code threads} private scratch areas of the largest kernel
 *                 workspace (over every candidate of a tunable step's site, so a tuned winner fits). The model's activation area, which other plans reuse (runs never overlap)
 * </pre>
 * Every region starts at a 16-byte boundary. Lifetimes are closed intervals of steps: an input is born before the
 * first step, an intermediate at the step that writes it; a tensor lives through the last step that reads it or a
 * view of it; graph outputs to the end. Tensors alive at the same step never share bytes, so no kernel writes
 * what it reads; constants never share bytes with anything.
 *
 * @param copyIn the constants this plan's executable copies in (placed by this plan, or by one that never filled
 *     them), in program order; {@code copyInBytes} their bytes
 * @param constantBytes bytes of the constants this plan reads (copied in by it or by earlier plans)
 * @param memoryBytes the model's memory size once this plan is placed (what the memory must have grown to)
 */
public record MemoryPlan(long[] address, List<MemTensor> copyIn, long copyInBytes, long constantBytes, long control,
                         long activationBase, long arenaBytes, long workspaceBytes, int threads, long peakLiveBytes,
                         long unpooledBytes, int slots, long memoryBytes) {
    public MemoryPlan {
        copyIn = List.copyOf(copyIn);
    }

    /** The model's memory size once this plan is placed. */
    public long totalBytes() { return memoryBytes; }

    /** Bytes of this plan's activation area: the arena and every thread's workspace. */
    public long activationBytes() { return arenaBytes + workspaceBytes * threads; }

    public long workspace(int thread) { return activationBase + arenaBytes + workspaceBytes * thread; }

    /** A program alone in a memory of its own (tests). */
    public static MemoryPlan plan(WasmProgram p, int threads) { return plan(p, threads, new ModelMemory()); }

    /** Plans {@code p} in {@code memory}, placing there what the model's memory lacks (constants, areas). */
    static MemoryPlan plan(WasmProgram p, int threads, ModelMemory memory) {
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
            for (KernelCall c : step.calls()) workspace = Math.max(workspace, ModelMemory.align(c.kernel().workspaceBytes()));
            // a tunable step may swap in any candidate of its site later: reserve the largest one's workspace
            if (step.tuned() != null) workspace = Math.max(workspace, ModelMemory.align(step.tuned().maxWorkspaceBytes()));
        }
        for (Value out : p.graph().outputs()) {
            MemTensor t = p.memoryOf().get(out);
            if (t != null) death[t.storage().id()] = Integer.MAX_VALUE;
        }
        long[] bytes = new long[n];
        boolean[] pooled = new boolean[n];
        long[] address = new long[n];
        List<MemTensor> copyIn = new ArrayList<>();
        Set<Long> placed = new HashSet<>();
        long constants = 0, copyInBytes = 0;
        for (MemTensor t : tensors) {
            bytes[t.id()] = ModelMemory.align(t.bytes());
            if (t.kind() == MemTensor.Kind.CONSTANT) {
                address[t.id()] = memory.constant(t);
                if (!placed.add(address[t.id()])) continue; // the same constant and layout again (tied weights)
                constants += bytes[t.id()];
                if (memory.needsCopy(t)) {
                    copyIn.add(t);
                    copyInBytes += bytes[t.id()];
                }
            } else if (t.kind() != MemTensor.Kind.VIEW && birth[t.id()] != Integer.MAX_VALUE) {
                death[t.id()] = Math.max(death[t.id()], birth[t.id()]);
                pooled[t.id()] = true;
            }
        }
        LivenessSlots.Plan slots = LivenessSlots.assign(bytes, birth, death, pooled);
        long[] slotAt = new long[slots.slotBytes().length];
        long arena = 0;
        for (int s = 0; s < slotAt.length; s++) {
            slotAt[s] = arena;
            arena += slots.slotBytes()[s];
        }
        long control = memory.control();
        long base = memory.activations(arena + workspace * threads);
        for (MemTensor t : tensors) {
            if (pooled[t.id()]) address[t.id()] = base + slotAt[slots.slotOf()[t.id()]];
        }
        for (MemTensor t : tensors) if (t.kind() == MemTensor.Kind.VIEW) address[t.id()] = address[t.storage().id()];
        return new MemoryPlan(address, copyIn, copyInBytes, constants, control, base, arena, workspace, threads,
                slots.peakLiveBytes(), slots.unpooledBytes(), slotAt.length, memory.size());
    }

    /** Byte address of {@code t} (a view's is its base's). */
    public long addressOf(MemTensor t) { return address[t.id()]; }
}
