package dev.nnjit.schedule;

import java.util.ArrayList;
import java.util.List;

/**
 * Schedule space of the M = 1 matrix-vector kernel: workgroups of 16 to 64 invocations along N times a split of K
 * in 1 to 16 parts (32 to 256 invocations in all), vec4 on/off. Index 0: 32 x 8, vec4 when allowed.
 */
public final class GemvSpace {
    private GemvSpace() {}

    private static final int[] XS = {32, 64, 16};
    private static final int[] SPLITS = {8, 4, 16, 1, 2};

    public static List<GemvConfig> candidates(int n, int k, int batch, boolean transB, AdapterLimits limits) {
        List<GemvConfig> out = new ArrayList<>();
        boolean vec4Ok = MatmulSpace.vec4Allowed(n, transB);
        for (int v = 1; v >= 0; v--) {
            if (v == 1 && !vec4Ok) continue;
            for (int x : XS) {
                for (int s : SPLITS) {
                    GemvConfig c = new GemvConfig(x, s, v == 1);
                    if (c.invocations() < 32) continue;
                    if (s > 1 && s > Pow2.ceil(k)) continue; // idle K slices
                    if (x > 16 && c.columnsPerWorkgroup() > 2 * Pow2.ceil(n)) continue; // idle columns
                    if (violation(c, n, k, batch, transB, limits) == null) out.add(c);
                }
            }
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
                Legality.workgroupSize(c.workgroupX(), c.splitK(), 1, limits),
                Legality.workgroupStorage(c.workgroupStorageBytes(), limits),
                Legality.dispatch(Pow2.ceilDiv(n, c.columnsPerWorkgroup()), 1, batch, limits));
    }
}
