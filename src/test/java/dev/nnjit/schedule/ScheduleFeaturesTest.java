package dev.nnjit.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Feature-aware spaces: subgroup candidates exist exactly where the adapter can run them, index 0 never depends on
 * features, every candidate is legal under the limits it was generated for, and spaces stay in the dozens.
 */
class ScheduleFeaturesTest {
    private static final AdapterLimits SPEC = AdapterLimits.defaults();
    /** A discrete-GPU-like adapter (what Chromium reports on an NVIDIA card). */
    private static final AdapterLimits BIG = new AdapterLimits(1024, 1024, 1024, 64, 32768, 2147483644L, 65535, 10,
            4294967296L);
    /** Subgroups with subgroup_id, sizes unknown (4..128 assumed). */
    private static final AdapterFeatures SG = new AdapterFeatures(true, false, 0, 0, true);
    /** SwiftShader as Dawn in Node reports it: subgroups of exactly 4. */
    private static final AdapterFeatures SG4 = new AdapterFeatures(true, false, 4, 4, true);
    /** An NVIDIA-like adapter: subgroups of 32, shader-f16. */
    private static final AdapterFeatures SG32 = new AdapterFeatures(true, true, 32, 32, true);
    private static final List<AdapterFeatures> WITHOUT = List.of(AdapterFeatures.NONE,
            new AdapterFeatures(true, true, 32, 32, false), new AdapterFeatures(false, true, 0, 0, true));
    private static final List<AdapterFeatures> WITH = List.of(SG, SG4, SG32);

    /** Reduction problems: {rows, cols}; softmax 1536x128 (MiniLM attention, 12 heads x 128), LayerNorm 128x384. */
    private static final int[][] ROWS = {{1536, 128}, {128, 384}, {16, 30522}, {1, 10}, {11, 384}, {4096, 3}, {7, 4096}};
    /** GEMV problems: {n, k, batch, transB}. */
    private static final int[][] GEMV = {{4096, 4096, 1, 0}, {30522, 384, 1, 1}, {100, 64, 2, 0}, {30, 50, 1, 1},
            {3, 5, 1, 0}};
    /** Matmul problems: {m, n, k, batch, transB}: MiniLM FFN in and out, attention QK^T and PV (12 heads), seq 16. */
    private static final int[][] MATMUL = {{128, 1536, 384, 1, 0}, {128, 384, 1536, 1, 0}, {128, 128, 64, 12, 1},
            {128, 64, 128, 12, 0}, {16, 384, 384, 1, 0}, {16, 1536, 384, 1, 0}, {37, 45, 29, 1, 0}, {1, 4096, 4096, 1, 0}};

    @Test
    void indexZeroAndTheBaselineListDoNotDependOnFeatures() {
        List<AdapterFeatures> all = new ArrayList<>(WITHOUT);
        all.addAll(WITH);
        for (AdapterLimits lim : List.of(SPEC, BIG)) {
            for (int[] r : ROWS) {
                List<ReductionConfig> base = ReductionSpace.candidates(r[0], r[1], lim);
                for (AdapterFeatures f : all) {
                    List<ReductionConfig> c = ReductionSpace.candidates(r[0], r[1], lim, f);
                    assertEquals(base.get(0), c.get(0), "reduction default " + r[0] + "x" + r[1] + " " + f.key());
                    assertEquals(base, c.subList(0, base.size()), "baseline candidates keep their indices");
                    assertTrue(c.subList(base.size(), c.size()).stream().allMatch(ReductionConfig::subgroups));
                }
                assertEquals(base, ReductionSpace.candidates(r[0], r[1], lim, AdapterFeatures.NONE));
            }
            for (int[] g : GEMV) {
                List<GemvConfig> base = GemvSpace.candidates(g[0], g[1], g[2], g[3] == 1, lim);
                for (AdapterFeatures f : all) {
                    List<GemvConfig> c = GemvSpace.candidates(g[0], g[1], g[2], g[3] == 1, lim, f);
                    assertEquals(base, c.subList(0, base.size()), "gemv baseline " + java.util.Arrays.toString(g));
                    assertTrue(c.subList(base.size(), c.size()).stream().allMatch(GemvConfig::subgroups));
                }
            }
            for (int[] m : MATMUL) {
                List<MatmulConfig> base = MatmulSpace.candidates(m[0], m[1], m[2], m[3], m[4] == 1, lim);
                for (AdapterFeatures f : all) {
                    List<MatmulConfig> c = MatmulSpace.candidates(m[0], m[1], m[2], m[3], m[4] == 1, lim, f);
                    assertEquals(base, c.subList(0, base.size()), "matmul baseline " + java.util.Arrays.toString(m));
                    assertTrue(c.subList(base.size(), c.size()).stream().allMatch(MatmulConfig::subgroupBroadcast));
                    assertTrue(base.stream().noneMatch(MatmulConfig::subgroupBroadcast));
                }
                assertEquals(base, MatmulSpace.candidates(m[0], m[1], m[2], m[3], m[4] == 1, lim, AdapterFeatures.NONE));
            }
            for (AdapterFeatures f : all) {
                assertEquals(ElementwiseSpace.candidates(1 << 20, true, lim),
                        ElementwiseSpace.candidates(1 << 20, true, lim, f));
                assertEquals(ConvSpace.candidates(64, 4096, 1, lim), ConvSpace.candidates(64, 4096, 1, lim, f));
            }
        }
        // The defaults themselves, pinned (the same as before features existed: see ScheduleSpaceTest).
        assertEquals(new ReductionConfig(64, 64), ReductionSpace.candidates(1536, 128, SPEC, SG32).get(0));
        assertEquals(new ReductionConfig(16, 16), ReductionSpace.candidates(128, 384, SPEC, SG32).get(0));
        assertEquals(new GemvConfig(32, 8, true), GemvSpace.candidates(4096, 4096, 1, false, SPEC, SG32).get(0));
        assertEquals("t64x64x8_r8x8_v4_reg", MatmulSpace.candidates(128, 384, 1536, 1, false, SPEC, SG4).get(0).key());
        assertEquals("t32x32x8_r4x4_v1_reg", MatmulSpace.candidates(37, 45, 29, 1, false, SPEC, SG32).get(0).key());
    }

    /**
     * The subgroup-broadcast matmul rules: never without {@code subgroupKernels()}; one row block per workgroup of
     * a whole number of the adapter's largest subgroups; a K step no wider than its smallest; per thread tile the two widest legal workgroups (so at most
     * 6); register-only; vec4 exactly where the baseline allows it (not with B transposed).
     */
    @Test
    void matmulSubgroupBroadcastRules() {
        for (AdapterLimits lim : List.of(SPEC, BIG)) {
            for (int[] m : MATMUL) {
                for (AdapterFeatures f : WITHOUT) {
                    assertTrue(MatmulSpace.candidates(m[0], m[1], m[2], m[3], m[4] == 1, lim, f).stream()
                            .noneMatch(MatmulConfig::subgroupBroadcast), f.key());
                }
                for (AdapterFeatures f : WITH) {
                    List<MatmulConfig> sgb = MatmulSpace.candidates(m[0], m[1], m[2], m[3], m[4] == 1, lim, f).stream()
                            .filter(MatmulConfig::subgroupBroadcast).toList();
                    assertTrue(sgb.size() <= 6, sgb.size() + " at " + java.util.Arrays.toString(m));
                    for (MatmulConfig c : sgb) {
                        assertTrue(c.key().endsWith("_sgb"), c.key());
                        assertEquals(c.threadM(), c.tileM(), c.key());
                        assertEquals(1, c.workgroupY(), c.key());
                        assertEquals(0, c.invocations() % f.maxSubgroupSize(), c.key() + " on " + f.key());
                        assertTrue(c.tileK() <= f.minSubgroupSize(), "broadcast source lanes exist: " + c.key());
                        assertFalse(c.useWorkgroupMemory(), c.key());
                        assertEquals(MatmulSpace.vec4Allowed(m[1], m[4] == 1), c.vec4(), c.key());
                        assertTrue(c.tileN() <= Math.max(8, Pow2.ceil(m[1])), "mostly padding: " + c.key());
                    }
                }
            }
        }
        // MiniLM FFN out (128x1536 @ 1536x384), NVIDIA-like subgroups of 32: 4x8 per invocation keeps 64 and 32
        // invocations (128 would be 1024 columns, over twice N's 512), 8x4 and 4x4 keep 128 and 64.
        List<String> keys = new ArrayList<>();
        for (MatmulConfig c : MatmulSpace.candidates(128, 384, 1536, 1, false, SPEC, SG32)) {
            if (c.subgroupBroadcast()) keys.add(c.key());
        }
        assertEquals(List.of("t4x512x4_r4x8_v4_reg_sgb", "t4x256x4_r4x8_v4_reg_sgb", "t8x512x4_r8x4_v4_reg_sgb",
                "t8x256x4_r8x4_v4_reg_sgb", "t4x512x4_r4x4_v4_reg_sgb", "t4x256x4_r4x4_v4_reg_sgb"), keys);
        // Subgroup sizes unknown (up to 128): only 128-invocation workgroups; QK^T (N = 128, B transposed) has room
        // for none of them, PV (N = 64) neither.
        assertTrue(MatmulSpace.candidates(128, 128, 64, 12, true, SPEC, SG).stream()
                .noneMatch(MatmulConfig::subgroupBroadcast));
        assertTrue(MatmulSpace.candidates(128, 128, 64, 12, true, SPEC, SG4).stream()
                .anyMatch(c -> c.subgroupBroadcast() && !c.vec4()));
    }

    @Test
    void subgroupCandidatesOnlyWhereTheAdapterCanRunThem() {
        for (AdapterLimits lim : List.of(SPEC, BIG)) {
            for (AdapterFeatures f : WITHOUT) {
                for (int[] r : ROWS) {
                    assertTrue(ReductionSpace.candidates(r[0], r[1], lim, f).stream().noneMatch(ReductionConfig::subgroups),
                            f.key());
                }
                for (int[] g : GEMV) {
                    assertTrue(GemvSpace.candidates(g[0], g[1], g[2], g[3] == 1, lim, f).stream()
                            .noneMatch(GemvConfig::subgroups), f.key());
                }
            }
            for (AdapterFeatures f : WITH) {
                for (int[] r : ROWS) {
                    List<ReductionConfig> c = ReductionSpace.candidates(r[0], r[1], lim, f);
                    assertTrue(c.stream().anyMatch(x -> x.subgroups() && x.rowsPerWorkgroup() == 1), "subgroup tree");
                    if (r[0] >= 2 && r[1] >= f.minSubgroupSize()) {
                        assertTrue(c.stream().anyMatch(ReductionConfig::rowsPerSubgroup), "rows per subgroup " + r[0]);
                    }
                }
                for (int[] g : GEMV) {
                    assertTrue(GemvSpace.candidates(g[0], g[1], g[2], g[3] == 1, lim, f).stream()
                            .anyMatch(GemvConfig::subgroups), f.key());
                }
            }
        }
        // Rows shorter than the adapter's smallest subgroup: no rows-per-subgroup form (lanes would idle).
        assertTrue(ReductionSpace.candidates(4096, 3, SPEC, SG32).stream().noneMatch(ReductionConfig::rowsPerSubgroup));
        assertTrue(ReductionSpace.candidates(4096, 3, SPEC, SG4).stream().noneMatch(ReductionConfig::rowsPerSubgroup));
        assertTrue(ReductionSpace.candidates(4096, 8, SPEC, SG4).stream().anyMatch(ReductionConfig::rowsPerSubgroup));
    }

    @Test
    void everyCandidateIsLegalUnderItsLimits() {
        for (AdapterLimits lim : List.of(SPEC, BIG)) {
            for (AdapterFeatures f : List.of(AdapterFeatures.NONE, SG, SG32)) {
                for (int[] r : ROWS) {
                    Set<String> keys = new HashSet<>();
                    for (ReductionConfig c : ReductionSpace.candidates(r[0], r[1], lim, f)) {
                        assertNull(ReductionSpace.violation(c, r[0], lim), c.key());
                        assertTrue(keys.add(c.key()), "duplicate " + c.key());
                    }
                }
                for (int[] g : GEMV) {
                    Set<String> keys = new HashSet<>();
                    for (GemvConfig c : GemvSpace.candidates(g[0], g[1], g[2], g[3] == 1, lim, f)) {
                        assertNull(GemvSpace.violation(c, g[0], g[1], g[2], g[3] == 1, lim), c.key());
                        assertTrue(c.invocations() <= lim.maxComputeInvocationsPerWorkgroup(), c.key());
                        assertTrue(c.workgroupStorageBytes() <= lim.maxComputeWorkgroupStorageSize(), c.key());
                        assertTrue(!c.subgroups() || c.accumulatorFloats() <= GemvSpace.MAX_SUBGROUP_ACCUMULATORS);
                        assertTrue(keys.add(c.key()), "duplicate " + c.key());
                    }
                }
                for (int[] m : MATMUL) {
                    for (MatmulConfig c : MatmulSpace.candidates(m[0], m[1], m[2], m[3], m[4] == 1, lim, f)) {
                        assertNull(MatmulSpace.violation(c, m[0], m[1], m[2], m[3], m[4] == 1, lim), c.key());
                    }
                }
            }
        }
        // The subgroup GEMV's workgroup is 1-D: splitK invocations, not workgroupX * splitK.
        GemvConfig sg = new GemvConfig(4, 256, true, true);
        assertEquals(256, sg.invocations());
        assertEquals(16384, sg.workgroupStorageBytes());
        assertNull(GemvSpace.violation(sg, 4096, 4096, 1, false, SPEC));
        assertNotEquals(null, GemvSpace.violation(new GemvConfig(4, 512, true, true), 4096, 4096, 1, false, SPEC));
    }

    /**
     * Candidate counts at real shapes, spec-minimum limits: without features / with subgroups (sizes unknown). The
     * same numbers are tabulated in the schedule package-info; a change to a space shows here first.
     */
    @Test
    void spacesStayInTheDozens() {
        // MiniLM FFN in (128x384 @ 384x1536) and out (128x1536 @ 1536x384): 75 each (every enumerated tile fits),
        // plus subgroup broadcast: with sizes unknown only 128-invocation workgroups (3 at N = 1536; 2 at N = 384,
        // where 4x8 x 128 would be 1024 columns), with SwiftShader's subgroups of 4 two per thread tile (6).
        assertEquals(75, MatmulSpace.candidates(128, 1536, 384, 1, false, SPEC).size());
        assertEquals(78, MatmulSpace.candidates(128, 1536, 384, 1, false, SPEC, SG).size());
        assertEquals(77, MatmulSpace.candidates(128, 384, 1536, 1, false, SPEC, SG).size());
        assertEquals(81, MatmulSpace.candidates(128, 384, 1536, 1, false, SPEC, SG4).size());
        // Attention 12 heads x 128 x 128 x 64: QK^T (B transposed: scalar only) and PV; N too narrow for a
        // 128-invocation row block.
        assertEquals(45, MatmulSpace.candidates(128, 128, 64, 12, true, SPEC, SG).size());
        assertEquals(63, MatmulSpace.candidates(128, 64, 128, 12, false, SPEC, SG).size());
        // Softmax of the attention scores: 12 heads x 128 queries = 1536 rows of 128.
        assertEquals(22, ReductionSpace.candidates(1536, 128, SPEC).size());
        assertEquals(34, ReductionSpace.candidates(1536, 128, SPEC, SG).size());
        // LayerNorm 128 x 384.
        assertEquals(23, ReductionSpace.candidates(128, 384, SPEC).size());
        assertEquals(36, ReductionSpace.candidates(128, 384, SPEC, SG).size());
        // GEMV 1 x 4096 x 4096 (decoder step).
        assertEquals(22, GemvSpace.candidates(4096, 4096, 1, false, SPEC).size());
        assertEquals(46, GemvSpace.candidates(4096, 4096, 1, false, SPEC, SG).size());
        assertEquals(52, GemvSpace.candidates(4096, 4096, 1, false, BIG, SG).size());
        // Small M: sequence 16 gets 15 square tiles (all at most 16x32) and 49 small-M strips (rows x wide vec4
        // columns, rectangular thread tiles); M <= 8 only the 8x8 tile's 3 K schedules (strips start at 16 rows);
        // 2 subgroup-broadcast candidates each.
        assertEquals(66, MatmulSpace.candidates(16, 384, 384, 1, false, SPEC, SG).size());
        assertEquals(5, MatmulSpace.candidates(2, 384, 384, 1, false, SPEC, SG).size());
        // Fused elementwise over MiniLM's FFN activations (128 x 1536), convolution 64 channels x 64x64.
        assertEquals(18, ElementwiseSpace.candidates(128 * 1536, true, SPEC, SG).size());
        assertEquals(36, ConvSpace.candidates(64, 64 * 64, 1, SPEC, SG).size());
    }

    @Test
    void featuresKeyCoversEveryComponentAndNamesTheBaseline() {
        assertEquals("none", AdapterFeatures.NONE.key());
        AdapterFeatures base = new AdapterFeatures(true, false, 4, 32, true);
        List<AdapterFeatures> variants = List.of(new AdapterFeatures(false, false, 4, 32, true),
                new AdapterFeatures(true, true, 4, 32, true), new AdapterFeatures(true, false, 8, 32, true),
                new AdapterFeatures(true, false, 4, 64, true), new AdapterFeatures(true, false, 4, 32, false),
                base.withSoftwareAdapter(true));
        assertEquals(AdapterFeatures.class.getRecordComponents().length, variants.size());
        Set<String> keys = new HashSet<>();
        keys.add(base.key());
        for (AdapterFeatures v : variants) assertTrue(keys.add(v.key()), v.key() + " repeats a key");
        assertEquals("sg4-32,sgid", base.key());
        assertEquals(AdapterFeatures.NONE, AdapterFeatures.of(Set.of("timestamp-query"), Set.of(), 0, 0));
        AdapterFeatures swiftShader = AdapterFeatures.of(Set.of("subgroups", "timestamp-query"),
                Set.of("subgroup_id", "subgroup_uniformity"), 4, 4);
        assertTrue(swiftShader.subgroupKernels());
        assertEquals(4, swiftShader.maxSubgroupSize());
        assertEquals(4, SG.minSubgroupSize());
        assertEquals(128, SG.maxSubgroupSize());
        assertFalse(AdapterFeatures.of(Set.of("subgroups"), Set.of(), 0, 0).subgroupKernels());
        assertThrows(IllegalArgumentException.class, () -> new AdapterFeatures(true, false, 64, 32, true));
    }
}
