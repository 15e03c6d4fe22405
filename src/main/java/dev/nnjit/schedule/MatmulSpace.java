package dev.nnjit.schedule;

import java.util.ArrayList;
import java.util.List;

/**
 * The matmul schedule space as data: the candidates for one problem, index 0 the safe default.
 *
 * <p>Web-lite space (after nnJIT): square per-thread tiles {2, 4, 8} (register blocking), workgroups of 4x4 to
 * 16x16 invocations (at least 4x4, per the paper's pruning rule), K step 8 for the register-only kernel and 8 or 16
 * when staged through workgroup memory, vec4 on/off. Pruned: configs the adapter cannot run (invocations,
 * workgroup storage, dispatch size), more than {@link #MAX_REGISTER_FLOATS} live floats per invocation, and tiles
 * that mostly compute padding (a tile more than twice the next power of two of its dimension).
 *
 * <p>On adapters with subgroups (and {@code subgroup_id}), a handful of subgroup-broadcast candidates
 * ({@code ..._sgb}) follow every other candidate, so no feature-less index moves.
 */
public final class MatmulSpace {
    private MatmulSpace() {}

    /** Register budget per invocation: accumulators plus the A column and B row of one k (8x8 tiles use 80). */
    public static final int MAX_REGISTER_FLOATS = 80;

    private static final int[] THREAD_TILES = {4, 8, 2};
    /** Workgroup shapes (x along N, y along M); ratios at most 2. */
    private static final int[][] WORKGROUPS = {{8, 8}, {16, 16}, {16, 8}, {8, 16}, {4, 4}};

    /** Candidates for C (batch, m, n) = A (batch, m, k) @ B (batch, k, n), B not transposed. */
    public static List<MatmulConfig> candidates(int m, int n, int k, int batch, AdapterLimits limits) {
        return candidates(m, n, k, batch, false, limits);
    }

    /**
     * Candidates given the adapter's features: the feature-less space, then, with
     * {@link AdapterFeatures#subgroupKernels()}, the subgroup-broadcast candidates ({@link #addSubgroupBroadcast}).
     * Index 0 and every feature-less index are the same on every adapter.
     */
    public static List<MatmulConfig> candidates(int m, int n, int k, int batch, boolean transB, AdapterLimits limits,
                                                AdapterFeatures features) {
        List<MatmulConfig> out = baseline(m, n, k, batch, transB, limits, features.softwareAdapter());
        if (features.subgroupKernels()) addSubgroupBroadcast(out, m, n, k, batch, transB, limits, features);
        return out;
    }

    /** Subgroup-broadcast thread tiles {threadM, threadN} (8x8 needs 88 registers: over the budget). */
    private static final int[][] SUBGROUP_THREAD_TILES = {{4, 8}, {8, 4}, {4, 4}};
    /** Subgroup-broadcast workgroup widths (invocations along N), widest first; two are kept per thread tile. */
    private static final int[] SUBGROUP_WORKGROUP_X = {128, 64, 32, 16};
    /**
     * The K step of the subgroup-broadcast candidates, shared from lanes 0..3: WebGPU's smallest subgroup size, so
     * those lanes exist on every adapter.
     */
    static final int SUBGROUP_BROADCAST_K = AdapterFeatures.SPEC_MIN_SUBGROUP_SIZE;

    /**
     * Subgroup-broadcast candidates (see {@link MatmulConfig}): one row block of threadM rows per workgroup, A
     * loaded once per 4 k and shared across each subgroup by subgroupBroadcast; per thread tile the two widest
     * workgroups that pass the space's rules (legal, registers, padding) and hold a whole number of the adapter's
     * largest subgroups, so subgroups are full wherever an implementation fills them in order (where one is not,
     * the kernel falls back to plain loads). At most 6 candidates, vec4 when allowed.
     */
    private static void addSubgroupBroadcast(List<MatmulConfig> out, int m, int n, int k, int batch, boolean transB,
                                             AdapterLimits limits, AdapterFeatures features) {
        boolean vec4Ok = vec4Allowed(n, transB);
        for (int[] t : SUBGROUP_THREAD_TILES) {
            int kept = 0;
            for (int wgX : SUBGROUP_WORKGROUP_X) {
                if (kept == 2) break;
                if (wgX % features.maxSubgroupSize() != 0) continue;
                MatmulConfig c = new MatmulConfig(t[0], wgX * t[1], SUBGROUP_BROADCAST_K, t[0], t[1], vec4Ok, false,
                        true);
                int before = out.size();
                add(out, c, m, n, k, batch, transB, limits);
                if (out.size() > before) kept++;
            }
        }
    }

    /** Candidates for C = A @ B (B stored (n, k) when transB) on a GPU without optional features; index 0 is the default. */
    public static List<MatmulConfig> candidates(int m, int n, int k, int batch, boolean transB, AdapterLimits limits) {
        return baseline(m, n, k, batch, transB, limits, false);
    }

    /**
     * The feature-less space. The same candidates on every adapter; only index 0 at small M depends on the adapter
     * kind: a software adapter (SwiftShader) gets the wide small-M strip, a GPU keeps the square rule's tile. Measured
     * on an NVIDIA H200 (Dawn, bert-base at sequence 16, feeds and readback included): 44 ms with the strip default,
     * whose ~6 workgroups per matmul leave a 132-SM GPU idle, against 14.6 ms with the square default (bench/RESULTS.md).
     */
    private static List<MatmulConfig> baseline(int m, int n, int k, int batch, boolean transB, AdapterLimits limits,
                                               boolean softwareAdapter) {
        boolean vec4Ok = vec4Allowed(n, transB);
        List<MatmulConfig> out = new ArrayList<>();
        for (int t : THREAD_TILES) {
            for (int[] wg : WORKGROUPS) {
                int tileM = wg[1] * t;
                int tileN = wg[0] * t;
                for (int vec = 1; vec >= 0; vec--) {
                    boolean v4 = vec == 1;
                    if (v4 && (!vec4Ok || t % 4 != 0)) continue;
                    add(out, new MatmulConfig(tileM, tileN, 8, t, t, v4, false), m, n, k, batch, transB, limits);
                    add(out, new MatmulConfig(tileM, tileN, 8, t, t, v4, true), m, n, k, batch, transB, limits);
                    add(out, new MatmulConfig(tileM, tileN, 16, t, t, v4, true), m, n, k, batch, transB, limits);
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no legal matmul schedule for m=" + m + " n=" + n + " k=" + k
                    + " batch=" + batch + " under limits " + limits.key());
        }
        moveDefaultFirst(out, m, n);
        if (Pow2.ceil(m) <= SMALL_M) {
            addSmallM(out, m, n, k, batch, transB, vec4Ok, limits);
            if (softwareAdapter) moveSmallMDefaultFirst(out, m, n, vec4Ok);
        }
        return out;
    }

    /** M up to this (rounded up to a power of two) also gets the small-M candidates. */
    public static final int SMALL_M = 32;
    /** Small-M thread tiles {threadM, threadN}: few rows, a wide vec4 run of columns. */
    private static final int[][] SMALL_M_THREAD_TILES = {{4, 8}, {2, 8}, {8, 4}, {4, 4}, {2, 4}, {8, 8}, {1, 8}};
    /** Invocations along N for the small-M candidates (along M: the workgroup tile's rows / threadM). */
    private static final int[] SMALL_M_WORKGROUP_X = {16, 32, 8, 64};

    /**
     * Small-M candidates (decoder steps, short sequences: the bench models at sequence 16): a workgroup covers all
     * of M's rows (or 8 of them) and a wide strip of N, each invocation a rectangular threadM x threadN block, so
     * a weight column is loaded once per strip instead of once per 16-row square tile. Square tiles of 8-16
     * (the rest of the space at such M) leave most invocations idle or re-read B; these read B along N with vec4.
     * Register-only (workgroup-memory staging of A pays little when A is 16 rows), 16 to 256 invocations.
     */
    private static void addSmallM(List<MatmulConfig> out, int m, int n, int k, int batch, boolean transB, boolean vec4Ok,
                                  AdapterLimits limits) {
        int rows = Math.max(8, Pow2.ceil(m));
        if (rows == 8) return; // M <= 8: not measured yet; the square 8x8 tiles (and gemv at M = 1) serve it
        for (int[] t : SMALL_M_THREAD_TILES) {
            for (int tileM : new int[] {rows, 8}) {
                if (tileM % t[0] != 0) continue;
                for (int wgX : SMALL_M_WORKGROUP_X) {
                    int wgY = tileM / t[0];
                    int invocations = wgX * wgY;
                    if (invocations < 16 || invocations > 256) continue;
                    MatmulConfig c = new MatmulConfig(tileM, wgX * t[1], 8, t[0], t[1], vec4Ok, false);
                    if (!out.contains(c)) add(out, c, m, n, k, batch, transB, limits);
                }
            }
        }
    }

    /**
     * The small-M default on a software adapter: all of M's rows (rounded up to a power of two, at least 8) by 128 columns per workgroup,
     * 8x8 accumulators per invocation, register-only, vec4 when allowed ({@code t16x128x8_r8x8_v4_reg} at M = 16).
     * Measured on SwiftShader (kernels/workbench/matmul_16x3072x768_*.json, 64 candidates interleaved): 1.9x the
     * former square 16x16/4x4 default by minimum time and 2.1x by median, within 16% of the best (a 512-wide tile,
     * which leaves too few workgroups at N = 768 to be a safe default on a GPU). Kept when it is legal, else the
     * square rule's pick stays. On a GPU even this strip leaves most of the chip idle (6 workgroups at N = 768), so
     * GPUs keep the square rule's default there.
     */
    private static void moveSmallMDefaultFirst(List<MatmulConfig> list, int m, int n, boolean vec4Ok) {
        int rows = Math.max(8, Pow2.ceil(m));
        int cols = Math.min(128, Math.max(8, Pow2.ceil(n)));
        MatmulConfig want = new MatmulConfig(rows, cols, 8, 8, Math.min(8, cols), vec4Ok, false);
        int i = list.indexOf(want);
        if (i > 0) list.add(0, list.remove(i));
    }

    private static void add(List<MatmulConfig> out, MatmulConfig c, int m, int n, int k, int batch, boolean transB,
                            AdapterLimits limits) {
        if (violation(c, m, n, k, batch, transB, limits) != null) return;
        if (c.tileM() > Math.max(8, Pow2.ceil(m)) || c.tileN() > Math.max(8, Pow2.ceil(n))) return; // mostly padding
        if (c.useWorkgroupMemory() && c.tileK() > Math.max(8, Pow2.ceil(k))) return;
        out.add(c);
    }

    /** Whether B and C can be accessed as vec4 along N. */
    public static boolean vec4Allowed(int n, boolean transB) { return !transB && n % 4 == 0; }

    /** Why a config cannot run this problem on this adapter, or null when it can. */
    public static String violation(MatmulConfig c, int m, int n, int k, int batch, boolean transB,
                                   AdapterLimits limits) {
        if (m <= 0 || n <= 0 || k <= 0 || batch <= 0) {
            return "matmul dims must be positive: m=" + m + " n=" + n + " k=" + k + " batch=" + batch;
        }
        if (c.vec4() && !vec4Allowed(n, transB)) return "vec4 needs untransposed B and n % 4 == 0 (n=" + n + ")";
        if (c.registerFloats() > MAX_REGISTER_FLOATS) {
            return "thread tile " + c.threadM() + "x" + c.threadN() + " needs " + c.registerFloats()
                    + " registers, budget " + MAX_REGISTER_FLOATS;
        }
        return Legality.firstViolation(
                Legality.workgroupSize(c.workgroupX(), c.workgroupY(), 1, limits),
                Legality.workgroupStorage(c.workgroupStorageBytes(), limits),
                Legality.dispatch(Pow2.ceilDiv(n, c.tileN()), Pow2.ceilDiv(m, c.tileM()), batch, limits));
    }

    /**
     * The default, a pure rule over the shape: register-only (no workgroup memory), vec4 when allowed, an 8x8
     * workgroup, and
     * <ul>
     *   <li>M and N both at least 64: 8x8 accumulators per invocation (64x64 tiles, {@code t64x64x8_r8x8_*_reg});
     *   <li>otherwise 4x4 per invocation (32x32 tiles), or the candidate closest to it once padding pruning removed
     *   it (small M: bench models at sequence 16).
     * </ul>
     * Measurements behind it (SwiftShader, kernels/WORKBENCH.md, bench/RESULTS.md): at
     * 128x384x1536 and 128x384x384 every 8x8 register-only candidate beats the former 4x4 default, by 1.65-2.30x
     * and 1.20-1.77x; t64x64x8_r8x8_v4_reg is within 6% of the best at both; workgroup-memory staging never pays
     * there (CPU barriers). 64x64 tiles need M, N >= 64 to not be mostly padding. Both choices are legal under the
     * spec's minimum limits (64 invocations, no workgroup memory, 80 registers: the space's budget). On discrete
     * GPUs shared-memory tiles win at transformer shapes (platform notes): that is the tuner's job, which measures
     * on the user's device; the default only has to be good everywhere and best on the fallback adapter.
     */
    private static void moveDefaultFirst(List<MatmulConfig> list, int m, int n) {
        boolean big = m >= 64 && n >= 64;
        int wantThread = big ? 3 : 2;  // log2 of the per-invocation tile
        int wantTile = big ? 6 : 5;    // log2 of the workgroup tile (8 invocations per side)
        int best = 0;
        int bestScore = Integer.MAX_VALUE;
        for (int i = 0; i < list.size(); i++) {
            MatmulConfig c = list.get(i);
            int score = Math.abs(log2(c.tileM()) - wantTile) + Math.abs(log2(c.tileN()) - wantTile)
                    + Math.abs(log2(c.threadM()) - wantThread) * 2 + (c.useWorkgroupMemory() ? 4 : 0)
                    + (c.vec4() ? 0 : 1);
            if (score < bestScore) { bestScore = score; best = i; }
        }
        list.add(0, list.remove(best));
    }

    private static int log2(int v) { return 31 - Integer.numberOfLeadingZeros(v); }
}
