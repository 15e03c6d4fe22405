package dev.nnjit.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScheduleSpaceTest {
    private static final AdapterLimits LIM = AdapterLimits.defaults();

    @Test
    void defaultsAreTheSpecMinimums() {
        assertEquals(256, LIM.maxComputeInvocationsPerWorkgroup());
        assertEquals(16384, LIM.maxComputeWorkgroupStorageSize());
        assertEquals(65535, LIM.maxComputeWorkgroupsPerDimension());
        assertEquals(8, LIM.maxStorageBuffersPerShaderStage());
        assertEquals(128L << 20, LIM.maxStorageBufferBindingSize());
        assertEquals(256L << 20, LIM.maxBufferSize());
        assertEquals(64, LIM.maxComputeWorkgroupSizeZ());
    }

    @Test
    void legalityRulesNameTheLimit() {
        assertNull(Legality.workgroupSize(16, 16, 1, LIM));
        assertTrue(Legality.workgroupSize(32, 16, 1, LIM).contains("maxComputeInvocationsPerWorkgroup"));
        assertTrue(Legality.workgroupSize(1, 1, 65, LIM).contains("maxComputeWorkgroupSizeZ"));
        assertNull(Legality.workgroupStorage(16384, LIM));
        assertTrue(Legality.workgroupStorage(16388, LIM).contains("16388"));
        assertNull(Legality.dispatch(65535, 1, 1, LIM));
        assertTrue(Legality.dispatch(1, 65536, 1, LIM).contains("maxComputeWorkgroupsPerDimension"));
        assertTrue(Legality.bindingSize((128L << 20) + 4, LIM).contains("maxStorageBufferBindingSize"));
        assertTrue(Legality.storageBufferCount(9, LIM).contains("9"));
        AdapterLimits phone = new AdapterLimits(256, 256, 256, 64, 16384, 128L << 20, 65535, 8, 128L << 20);
        assertTrue(Legality.bindingSize(129L << 20, phone).contains("maxStorageBufferBindingSize"));
    }

    @Test
    void matmulSpaceIsDozensOfLegalDistinctCandidates() {
        int[][] shapes = {{128, 768, 768, 1}, {37, 45, 29, 1}, {1, 4096, 4096, 1}, {4096, 4096, 4096, 1},
                {128, 128, 64, 24}, {7, 1000, 2048, 1}};
        for (int[] s : shapes) {
            for (boolean transB : new boolean[] {false, true}) {
                List<MatmulConfig> c = MatmulSpace.candidates(s[0], s[1], s[2], s[3], transB, LIM);
                assertTrue(c.size() >= 3 && c.size() <= 80, "candidates for " + java.util.Arrays.toString(s) + ": " + c.size());
                Set<String> keys = new HashSet<>();
                for (MatmulConfig m : c) {
                    assertNull(MatmulSpace.violation(m, s[0], s[1], s[2], s[3], transB, LIM), m.key());
                    assertTrue(keys.add(m.key()), "duplicate " + m.key());
                    assertTrue(m.workgroupX() >= 4 && m.workgroupY() >= 4, "at least 4x4 invocations: " + m.key());
                    assertEquals(m.threadM(), m.threadN(), "square per-invocation tile: " + m.key());
                    assertTrue(m.registerFloats() <= MatmulSpace.MAX_REGISTER_FLOATS);
                    if (transB || s[1] % 4 != 0) assertFalse(m.vec4(), m.key());
                }
            }
        }
        // 4096^3 keeps the whole enumeration: 5 workgroup shapes x (thread tiles 4 and 8: 2 vec4 options x 3 K
        // schedules; thread tile 2: scalar only x 3) = 75; 8x8 tiles use exactly the 80-float register budget and
        // 128x128x16 staging exactly the 16 KiB of workgroup memory.
        assertEquals(75, MatmulSpace.candidates(4096, 4096, 4096, 1, LIM).size());
    }

    @Test
    void matmulDefaultIsSafeAndFirst() {
        // M, N >= 64: 8x8 register tiles (64x64, 8x8 invocations); vec4 only with an untransposed B.
        MatmulConfig d = MatmulSpace.candidates(128, 768, 768, 1, LIM).get(0);
        assertEquals(new MatmulConfig(64, 64, 8, 8, 8, true, false), d);
        assertEquals(new MatmulConfig(64, 64, 8, 8, 8, false, false),
                MatmulSpace.candidates(128, 128, 32, 12, true, LIM).get(0));
        // M up to 32 on a software adapter (SwiftShader): the small-M default, all rows by 128 columns, 8x8 per
        // invocation (a 16 x 2 or 16 x 4 workgroup). On a GPU the square rule's tile stays (many more workgroups).
        AdapterFeatures cpu = AdapterFeatures.NONE.withSoftwareAdapter(true);
        assertEquals(new MatmulConfig(32, 128, 8, 8, 8, true, false),
                MatmulSpace.candidates(32, 768, 768, 1, false, LIM, cpu).get(0));
        assertEquals(new MatmulConfig(16, 128, 8, 8, 8, true, false),
                MatmulSpace.candidates(16, 768, 768, 1, false, LIM, cpu).get(0));
        assertEquals(new MatmulConfig(32, 32, 8, 4, 4, true, false), MatmulSpace.candidates(32, 768, 768, 1, LIM).get(0));
        assertEquals(MatmulSpace.candidates(16, 768, 768, 1, false, LIM, cpu).size(),
                MatmulSpace.candidates(16, 768, 768, 1, LIM).size(), "the same candidates, another default");
        // Narrow N (attention scores at sequence 16): no 128-column strip fits, the square rule's pick stays.
        assertEquals(new MatmulConfig(16, 16, 8, 4, 4, false, false), MatmulSpace.candidates(16, 16, 64, 12, true, LIM).get(0));
        MatmulConfig odd = MatmulSpace.candidates(37, 45, 29, 1, LIM).get(0);
        assertFalse(odd.vec4());
        assertFalse(odd.useWorkgroupMemory());
        // A tiny adapter (64 invocations, 4 KiB workgroup memory) still gets legal candidates.
        AdapterLimits tiny = new AdapterLimits(64, 64, 64, 64, 4096, 1L << 27, 65535, 8, 1L << 28);
        for (MatmulConfig c : MatmulSpace.candidates(512, 512, 512, 1, tiny)) {
            assertTrue(c.invocations() <= 64 && c.workgroupStorageBytes() <= 4096, c.key());
        }
    }

    @Test
    void smallProblemsPruneTilesThatAreMostlyPadding() {
        for (MatmulConfig c : MatmulSpace.candidates(5, 12, 8, 1, LIM)) {
            assertTrue(c.tileM() <= 8 && c.tileN() <= 16, c.key());
        }
        assertThrows(IllegalArgumentException.class, () -> MatmulSpace.candidates(8, 8, 8, 70000, LIM));
    }

    @Test
    void otherSpacesHaveLegalDefaultsFirst() {
        List<GemvConfig> g = GemvSpace.candidates(4096, 4096, 1, false, LIM);
        assertEquals(new GemvConfig(32, 8, true), g.get(0));
        for (GemvConfig c : g) assertNull(GemvSpace.violation(c, 4096, 4096, 1, false, LIM));
        assertTrue(GemvSpace.candidates(30522, 384, 1, true, LIM).stream().noneMatch(GemvConfig::vec4));
        // A decoder's first step, attention weights (4 heads, 1 x 1) @ values (1 x 8): only idle-lane schedules exist.
        assertEquals(new GemvConfig(32, 1, true), GemvSpace.candidates(8, 1, 4, false, LIM).get(0));
        List<ElementwiseConfig> e = ElementwiseSpace.candidates(1 << 20, true, LIM);
        assertEquals(new ElementwiseConfig(64, 1, true), e.get(0));
        assertEquals(18, e.size());
        assertEquals(9, ElementwiseSpace.candidates(1 << 20, false, LIM).size());
        // Rows up to SERIAL_MAX_COLS: one invocation per row, rows / 8 (power of two, 1..64) rows per workgroup.
        List<ReductionConfig> r = ReductionSpace.candidates(4096, 384, LIM);
        assertEquals(new ReductionConfig(64, 64), r.get(0));
        assertEquals(0, r.get(0).workgroupStorageBytes());
        assertEquals(new ReductionConfig(16, 16), ReductionSpace.candidates(128, 384, LIM).get(0));
        assertEquals(new ReductionConfig(1, 1), ReductionSpace.candidates(11, 384, LIM).get(0));
        assertEquals(new ReductionConfig(1, 1), ReductionSpace.candidates(1, 10, LIM).get(0));
        // Longer rows: the tree, 64 invocations on one row.
        assertEquals(new ReductionConfig(64, 1), ReductionSpace.candidates(16, 30522, LIM).get(0));
        assertEquals(new ReductionConfig(64, 1),
                ReductionSpace.candidates(1, ReductionSpace.SERIAL_MAX_COLS + 1, LIM).get(0));
        // Both forms stay in the space for the tuner.
        assertTrue(r.stream().anyMatch(c -> !c.serial()));
        for (ReductionConfig c : r) assertNull(ReductionSpace.violation(c, 4096, LIM));
    }

    /** Keys are derived from the records: changing any one component changes the key. */
    @Test
    void keysCoverEveryRecordComponent() throws Exception {
        // Base 8x32 with 8x4 per invocation: the one shape where the subgroup-broadcast variant (tileM == threadM) is
        // also legal, so each variant changes one component.
        checkKeyCoverage(new MatmulConfig(8, 32, 8, 8, 4, true, false), new MatmulConfig(16, 32, 8, 8, 4, true, false),
                new MatmulConfig(8, 64, 8, 8, 4, true, false), new MatmulConfig(8, 32, 16, 8, 4, true, false),
                new MatmulConfig(8, 32, 8, 4, 4, true, false), new MatmulConfig(8, 32, 8, 8, 8, true, false),
                new MatmulConfig(8, 32, 8, 8, 4, false, false), new MatmulConfig(8, 32, 8, 8, 4, true, true),
                new MatmulConfig(8, 32, 8, 8, 4, true, false, true));
        checkKeyCoverage(new GemvConfig(32, 8, true), new GemvConfig(64, 8, true), new GemvConfig(32, 4, true),
                new GemvConfig(32, 8, false), new GemvConfig(32, 8, true, true));
        checkKeyCoverage(new ElementwiseConfig(64, 1, true), new ElementwiseConfig(128, 1, true),
                new ElementwiseConfig(64, 2, true), new ElementwiseConfig(64, 1, false));
        checkKeyCoverage(new ReductionConfig(64, 1), new ReductionConfig(128, 1), new ReductionConfig(64, 2),
                new ReductionConfig(64, 1, true));
        // Configs without subgroups keep the keys they had before the flag existed (tuning records stay valid).
        assertEquals("w64_r1", new ReductionConfig(64, 1).key());
        assertEquals("x32_k8_v4", new GemvConfig(32, 8, true).key());
        assertEquals("t64x64x8_r8x8_v4_reg", new MatmulConfig(64, 64, 8, 8, 8, true, false).key());
        assertEquals("t32x32x16_r4x4_v1_wgm", new MatmulConfig(32, 32, 16, 4, 4, false, true).key());
        assertEquals("t4x512x4_r4x8_v4_reg_sgb", new MatmulConfig(4, 512, 4, 4, 8, true, false, true).key());
    }

    /** {@code variants[i + 1]} differs from {@code variants[0]} in component i exactly (checked by reflection). */
    private static void checkKeyCoverage(ScheduleConfig... variants) throws Exception {
        RecordComponent[] comps = variants[0].getClass().getRecordComponents();
        assertEquals(comps.length + 1, variants.length, "one variant per component of " + variants[0].getClass());
        for (int i = 0; i < comps.length; i++) {
            for (int j = 0; j < comps.length; j++) {
                Object a = comps[j].getAccessor().invoke(variants[0]);
                Object b = comps[j].getAccessor().invoke(variants[i + 1]);
                if (i == j) assertNotEquals(a, b, "variant " + (i + 1) + " must change " + comps[j].getName());
                else assertEquals(a, b, "variant " + (i + 1) + " must only change " + comps[i].getName());
            }
            assertNotEquals(variants[0].key(), variants[i + 1].key(), comps[i].getName() + " is not in the key");
        }
        assertNotNull(variants[0].key());
    }

    @Test
    void configsRejectInconsistentTiles() {
        assertThrows(IllegalArgumentException.class, () -> new MatmulConfig(30, 32, 8, 4, 4, false, false));
        assertThrows(IllegalArgumentException.class, () -> new MatmulConfig(32, 32, 8, 2, 2, true, false));
        // Subgroup broadcast: one row block per workgroup, register-only.
        assertThrows(IllegalArgumentException.class, () -> new MatmulConfig(8, 256, 4, 4, 4, true, false, true));
        assertThrows(IllegalArgumentException.class, () -> new MatmulConfig(4, 256, 4, 4, 4, true, true, true));
        assertThrows(IllegalArgumentException.class, () -> new MatmulConfig(4, 256, 64, 4, 4, true, false, true));
        assertThrows(IllegalArgumentException.class, () -> new ReductionConfig(96, 1));
        assertThrows(IllegalArgumentException.class, () -> new ReductionConfig(64, 3));
    }
}
