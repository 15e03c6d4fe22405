package dev.nnjit.schedule;

import java.util.ArrayList;
import java.util.List;

/**
 * Schedule space of the M = 1 matrix-vector kernel: workgroups of 16 to 64 invocations along N times a split of K
 * in 1 to 16 parts (32 to 256 invocations in all), vec4 on/off. Index 0: 32 x 8, vec4 when allowed.
 *
 * <p>With {@link AdapterFeatures#subgroupKernels()}, after those: the subgroup form (K split 32 to 256 ways across
 * the workgroup, 1 to 4 column groups per workgroup, vec4 on/off), pruned where more than
 * {@link #MAX_SUBGROUP_ACCUMULATORS} accumulators per invocation, a split longer than K (idle lanes), or more
 * columns per workgroup than twice N's next power of two.
 */
public final class GemvSpace {
    private GemvSpace() {}

    private static final int[] XS = {32, 64, 16};
    private static final int[] SPLITS = {8, 4, 16, 1, 2};

    /** Accumulator floats per invocation the subgroup form may keep (4 vec4 column groups). */
    public static final int MAX_SUBGROUP_ACCUMULATORS = 16;

    private static final int[] SUBGROUP_SPLITS = {64, 128, 256, 32};
    private static final int[] SUBGROUP_GROUPS = {1, 2, 4};

    /** Candidates on an adapter without optional features ({@link AdapterFeatures#NONE}). */
    public static List<GemvConfig> candidates(int n, int k, int batch, boolean transB, AdapterLimits limits) {
        return candidates(n, k, batch, transB, limits, AdapterFeatures.NONE);
    }

    /** Candidates for c (batch, 1, n) = a (batch, 1, k) @ b; subgroup schedules only where features allow. */
    public static List<GemvConfig> candidates(int n, int k, int batch, boolean transB, AdapterLimits limits,
                                              AdapterFeatures features) {
        List<GemvConfig> out = baseline(n, k, batch, transB, limits);
        if (!features.subgroupKernels()) return out;
        boolean vec4Ok = MatmulSpace.vec4Allowed(n, transB);
        for (int v = 1; v >= 0; v--) {
            if (v == 1 && !vec4Ok) continue;
            for (int s : SUBGROUP_SPLITS) {
                for (int x : SUBGROUP_GROUPS) {
                    GemvConfig c = new GemvConfig(x, s, v == 1, true);
                    if (c.accumulatorFloats() > MAX_SUBGROUP_ACCUMULATORS) continue;
                    if (s > Math.max(32, Pow2.ceil(k))) continue; // idle lanes
                    if (x > 1 && c.columnsPerWorkgroup() > 2 * Pow2.ceil(n)) continue; // idle columns
                    if (violation(c, n, k, batch, transB, limits) == null) out.add(c);
                }
            }
        }
        return out;
    }

    private static List<GemvConfig> baseline(int n, int k, int batch, boolean transB, AdapterLimits limits) {
        List<GemvConfig> out = new ArrayList<>();
        List<GemvConfig> idle = new ArrayList<>();
        boolean vec4Ok = MatmulSpace.vec4Allowed(n, transB);
        for (int v = 1; v >= 0; v--) {
            if (v == 1 && !vec4Ok) continue;
            for (int x : XS) {
                for (int s : SPLITS) {
                    GemvConfig c = new GemvConfig(x, s, v == 1);
                    if (c.invocations() < 32) continue;
                    if (violation(c, n, k, batch, transB, limits) != null) continue;
                    boolean idleK = s > 1 && s > Pow2.ceil(k);
                    boolean idleColumns = x > 16 && c.columnsPerWorkgroup() > 2 * Pow2.ceil(n);
                    (idleK || idleColumns ? idle : out).add(c);
                }
            }
        }
        // Tiny products (a decoder's first step: k = 1, n = 8) leave only schedules with idle lanes: keep those, the
        // ones that do not split K past its length first.
        if (out.isEmpty()) {
            for (GemvConfig c : idle) if (c.splitK() <= Pow2.ceil(k)) out.add(c);
            for (GemvConfig c : idle) if (c.splitK() > Pow2.ceil(k)) out.add(c);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no legal gemv schedule for n=" + n + " k=" + k + " batch=" + batch
                    + " under limits " + limits.key());
        }
        return out;
    }

    public static String violation(GemvConfig c, int n, int k, int batch, boolean transB, AdapterLimits limits) {
        if (c.vec4() && !MatmulSpace.vec4Allowed(n, transB)) {
            return "vec4 needs untransposed B and n % 4 == 0 (n=" + n + ")";
        }
        return Legality.firstViolation(
                c.subgroups() ? Legality.workgroupSize(c.splitK(), 1, 1, limits)
                        : Legality.workgroupSize(c.workgroupX(), c.splitK(), 1, limits),
                Legality.workgroupStorage(c.workgroupStorageBytes(), limits),
                Legality.dispatch(Pow2.ceilDiv(n, c.columnsPerWorkgroup()), 1, batch, limits));
    }
}
