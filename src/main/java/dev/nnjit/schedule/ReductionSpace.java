package dev.nnjit.schedule;

import java.util.ArrayList;
import java.util.List;

/**
 * Schedule space of row reductions: workgroups of 32 to 256 invocations, 1 to 8 rows per workgroup. Pruned:
 * more invocations per row than the row has columns (beyond 32), and dispatches over the per-dimension limit.
 * Index 0: 64 invocations on one row, or, for short rows, as many rows as keep every invocation busy.
 */
public final class ReductionSpace {
    private ReductionSpace() {}

    private static final int[] SIZES = {64, 128, 256, 32};
    private static final int[] ROWS = {1, 2, 4, 8};

    public static List<ReductionConfig> candidates(int rows, int cols, AdapterLimits limits) {
        List<ReductionConfig> out = new ArrayList<>();
        for (int w : SIZES) {
            for (int r : ROWS) {
                ReductionConfig c = new ReductionConfig(w, r);
                if (c.threadsPerRow() > Math.max(32, Pow2.ceil(cols))) continue;
                if (r > 1 && r > rows) continue;
                if (violation(c, rows, limits) == null) out.add(c);
            }
        }
        if (out.isEmpty()) throw new IllegalArgumentException("no legal reduction schedule for " + rows + " rows of "
                + cols + " under limits " + limits.key());
        int best = 0;
        int want = Math.min(64, Math.max(8, Pow2.ceil(cols)));
        int bestScore = Integer.MAX_VALUE;
        for (int i = 0; i < out.size(); i++) {
            ReductionConfig c = out.get(i);
            int score = Math.abs(Integer.numberOfTrailingZeros(c.threadsPerRow()) - Integer.numberOfTrailingZeros(want))
                    * 4 + Math.abs(Integer.numberOfTrailingZeros(c.workgroupSize()) - 6);
            if (score < bestScore) { bestScore = score; best = i; }
        }
        out.add(0, out.remove(best));
        return out;
    }

    public static String violation(ReductionConfig c, int rows, AdapterLimits limits) {
        return Legality.firstViolation(
                Legality.workgroupSize(c.workgroupSize(), 1, 1, limits),
                Legality.workgroupStorage(c.workgroupStorageBytes(), limits),
                Legality.dispatch(Pow2.ceilDiv(rows, c.rowsPerWorkgroup()), 1, 1, limits));
    }
}
