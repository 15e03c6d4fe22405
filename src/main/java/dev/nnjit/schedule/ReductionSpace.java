package dev.nnjit.schedule;

import java.util.ArrayList;
import java.util.List;

/**
 * Schedule space of row reductions: tree forms (workgroups of 32 to 256 invocations, 1 to 8 rows per workgroup,
 * a power-of-two number of invocations per row combined in workgroup memory) and serial forms (one invocation per
 * row, 1 to 64 rows per workgroup, no workgroup memory, no barriers). Pruned: more invocations per row than the row
 * has columns (beyond 32), more rows per workgroup than there are rows, and dispatches over the per-dimension limit.
 *
 * <p>Index 0 (the default) is a pure rule over the row length and count:
 * <ul>
 *   <li>rows of at most {@link #SERIAL_MAX_COLS} columns: serial, {@code clamp(floorPow2(rows / 8), 1, 64)} rows per
 *   workgroup (at least ~8 workgroups to spread over cores or compute units, at most 64 invocations each). Reason:
 *   a short row is a few KiB read by one invocation, while the tree costs 2 + log2(T) barriers per reduction
 *   (softmax and LayerNorm reduce twice). On SwiftShader (a CPU adapter) barriers dominate: the tree default
 *   (64 invocations per row) took ~300 ms per MiniLM-128 attention softmax (1536 rows of 128) and ~25 ms per
 *   LayerNorm (128 rows of 384); see bench/RESULTS.md for the serial numbers. On GPUs such rows are latency-bound
 *   either way and the tuner (which measures both forms) can pick the tree.
 *   <li>longer rows (a vocabulary softmax, a global mean): the tree, 64 invocations (fewer for rows shorter than
 *   64: the next power of two of the length, at least 8), as many rows per workgroup as keep 64 invocations busy.
 * </ul>
 *
 * <p>With {@link AdapterFeatures#subgroupKernels()} the space also offers subgroup schedules, after every other
 * candidate (so index 0 never depends on features): the subgroup tree (one row per workgroup of 32 to 256
 * invocations; pruned like the tree: at most {@code max(32, nextPow2(cols))} invocations) and rows per subgroup
 * (64 to 256 invocations, 2 to 8 rows; pruned when rows per workgroup exceed the rows, or when a row is shorter
 * than the smallest subgroup the adapter may run, since lanes past the row's end would idle).
 */
public final class ReductionSpace {
    private ReductionSpace() {}

    /** Longest row the default reduces with one invocation (3 passes over 1024 f32 = 12 KiB of loads). */
    public static final int SERIAL_MAX_COLS = 1024;

    private static final int[] SIZES = {64, 128, 256, 32};
    private static final int[] ROWS = {1, 2, 4, 8};
    private static final int[] SERIAL_ROWS = {64, 32, 16, 8, 4, 2, 1};

    private static final int[] SUBGROUP_TREE_SIZES = {64, 128, 256, 32};
    private static final int[] SUBGROUP_ROW_SIZES = {64, 128, 256};
    private static final int[] SUBGROUP_ROWS = {2, 4, 8};

    /** Candidates on an adapter without optional features ({@link AdapterFeatures#NONE}). */
    public static List<ReductionConfig> candidates(int rows, int cols, AdapterLimits limits) {
        return candidates(rows, cols, limits, AdapterFeatures.NONE);
    }

    /** Candidates for {@code rows} rows of {@code cols} values; subgroup schedules only where features allow. */
    public static List<ReductionConfig> candidates(int rows, int cols, AdapterLimits limits, AdapterFeatures features) {
        List<ReductionConfig> out = baseline(rows, cols, limits);
        if (features.subgroupKernels()) {
            for (int w : SUBGROUP_TREE_SIZES) {
                ReductionConfig c = new ReductionConfig(w, 1, true);
                if (w > Math.max(32, Pow2.ceil(cols))) continue;
                if (violation(c, rows, limits) == null) out.add(c);
            }
            for (int w : SUBGROUP_ROW_SIZES) {
                for (int r : SUBGROUP_ROWS) {
                    ReductionConfig c = new ReductionConfig(w, r, true);
                    if (r > rows || cols < features.minSubgroupSize()) continue;
                    if (violation(c, rows, limits) == null) out.add(c);
                }
            }
        }
        return out;
    }

    private static List<ReductionConfig> baseline(int rows, int cols, AdapterLimits limits) {
        List<ReductionConfig> out = new ArrayList<>();
        for (int w : SIZES) {
            for (int r : ROWS) {
                ReductionConfig c = new ReductionConfig(w, r);
                if (c.threadsPerRow() > Math.max(32, Pow2.ceil(cols))) continue;
                if (r > 1 && r > rows) continue;
                if (violation(c, rows, limits) == null) out.add(c);
            }
        }
        for (int r : SERIAL_ROWS) {
            ReductionConfig c = new ReductionConfig(r, r);
            if (r > 1 && r > rows) continue;
            if (violation(c, rows, limits) == null) out.add(c);
        }
        if (out.isEmpty()) throw new IllegalArgumentException("no legal reduction schedule for " + rows + " rows of "
                + cols + " under limits " + limits.key());
        int best = 0;
        int bestScore = Integer.MAX_VALUE;
        boolean serial = cols <= SERIAL_MAX_COLS;
        int wantRows = Math.max(1, Math.min(64, floorPow2(rows / 8)));
        int want = Math.min(64, Math.max(8, Pow2.ceil(cols)));
        for (int i = 0; i < out.size(); i++) {
            ReductionConfig c = out.get(i);
            int score;
            if (serial) {
                score = (c.serial() ? 0 : 1000) + Math.abs(log2(c.rowsPerWorkgroup()) - log2(wantRows));
            } else {
                score = (c.serial() ? 1000 : 0) + Math.abs(log2(c.threadsPerRow()) - log2(want)) * 4
                        + Math.abs(log2(c.workgroupSize()) - 6);
            }
            if (score < bestScore) { bestScore = score; best = i; }
        }
        out.add(0, out.remove(best));
        return out;
    }

    private static int log2(int v) { return Integer.numberOfTrailingZeros(Integer.highestOneBit(v)); }

    private static int floorPow2(int v) { return v <= 1 ? 1 : Integer.highestOneBit(v); }

    public static String violation(ReductionConfig c, int rows, AdapterLimits limits) {
        return Legality.firstViolation(
                Legality.workgroupSize(c.workgroupSize(), 1, 1, limits),
                Legality.workgroupStorage(c.workgroupStorageBytes(), limits),
                Legality.dispatch(Pow2.ceilDiv(rows, c.rowsPerWorkgroup()), 1, 1, limits));
    }
}
