package dev.nnjit.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * The one liveness planner of the backends (WebGPU buffers, the wasm-simd linear memory): tensors with lifetimes
 * (closed intervals of steps) are assigned to reusable slots so that two tensors share a slot only when their
 * lifetimes do not intersect.
 *
 * <p>Interval colouring, greedy by size (largest tensors first), as TFLite's arena planner does: each tensor takes
 * the smallest existing slot none of whose tensors' lifetimes overlaps its own, else a new slot of its size. Sorted
 * by size, a slot never needs to grow.
 */
public final class LivenessSlots {
    /**
     * @param slotOf per tensor: its slot, or -1 for the tensors not planned
     * @param slotBytes size of each slot
     * @param peakLiveBytes the largest total size of planned tensors alive at one step (a lower bound for any plan)
     * @param unpooledBytes the total size of the planned tensors (one slot each)
     */
    public record Plan(int[] slotOf, long[] slotBytes, long peakLiveBytes, long unpooledBytes) {}

    private LivenessSlots() {}

    /**
     * @param bytes per tensor, its size
     * @param birth per tensor, the first step it lives at (-1: before the first step); {@code planned} tensors only
     * @param death per tensor, the last step it lives at ({@code >= birth}; Integer.MAX_VALUE: to the end)
     * @param planned per tensor, whether it gets a slot
     */
    public static Plan assign(long[] bytes, int[] birth, int[] death, boolean[] planned) {
        int n = bytes.length;
        List<Integer> order = new ArrayList<>();
        long unpooled = 0;
        for (int t = 0; t < n; t++) {
            if (!planned[t]) continue;
            order.add(t);
            unpooled += bytes[t];
        }
        order.sort((a, b) -> bytes[a] != bytes[b] ? Long.compare(bytes[b], bytes[a]) : Integer.compare(birth[a], birth[b]));
        int[] slotOf = new int[n];
        java.util.Arrays.fill(slotOf, -1);
        List<Long> slotBytes = new ArrayList<>();
        List<List<Integer>> occupants = new ArrayList<>();
        for (int t : order) {
            int best = -1;
            for (int s = 0; s < occupants.size(); s++) {
                if (best >= 0 && slotBytes.get(s) >= slotBytes.get(best)) continue;
                boolean free = true;
                for (int o : occupants.get(s)) {
                    if (birth[o] <= death[t] && birth[t] <= death[o]) { free = false; break; }
                }
                if (free) best = s;
            }
            if (best < 0) {
                best = slotBytes.size();
                slotBytes.add(bytes[t]);
                occupants.add(new ArrayList<>());
            }
            occupants.get(best).add(t);
            slotOf[t] = best;
        }
        int lastStep = -1;
        for (int t : order) {
            lastStep = Math.max(lastStep, birth[t]);
            if (death[t] != Integer.MAX_VALUE) lastStep = Math.max(lastStep, death[t]);
        }
        long peak = 0;
        for (int s = -1; s <= lastStep; s++) {
            long live = 0;
            for (int t : order) if (birth[t] <= s && s <= death[t]) live += bytes[t];
            peak = Math.max(peak, live);
        }
        long[] sizes = new long[slotBytes.size()];
        for (int i = 0; i < sizes.length; i++) sizes[i] = slotBytes.get(i);
        return new Plan(slotOf, sizes, peak, unpooled);
    }
}
