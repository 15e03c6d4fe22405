package dev.nnjit.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.schedule.AdapterLimits;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every candidate of every space, for problems with odd edges, M = 1, batch broadcast and transposes. */
class KernelStructureTest {

    @Test
    void everyCandidateIsStructurallySoundAndLegal() {
        Map<String, KernelInstance> all = KernelCatalog.allCandidates();
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, KernelInstance> e : all.entrySet()) {
            for (String p : WgslStructure.problems(e.getValue())) failures.add(e.getKey() + ": " + p);
            String v = e.getValue().violation(AdapterLimits.defaults());
            if (v != null) failures.add(e.getKey() + ": illegal under default limits: " + v);
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures.subList(0, Math.min(30, failures.size()))));
        assertTrue(all.size() > 300, "kernels checked: " + all.size());
    }

    @Test
    void cacheKeysIdentifyTheSourceExactly() {
        Map<String, String> byKey = new HashMap<>();
        for (KernelInstance k : KernelCatalog.allCandidates().values()) {
            String prev = byKey.put(k.cacheKey(), k.wgsl());
            if (prev != null) assertEquals(prev, k.wgsl(), "two sources share key " + k.cacheKey());
        }
        Map<String, String> bySource = new HashMap<>();
        for (KernelInstance k : KernelCatalog.allCandidates().values()) {
            String prev = bySource.put(k.wgsl(), k.cacheKey());
            if (prev != null) assertEquals(prev, k.cacheKey(), "one source under two keys");
        }
        // Generation is deterministic: a second catalog gives the same keys and sources.
        Map<String, KernelInstance> again = KernelCatalog.allCandidates();
        for (Map.Entry<String, KernelInstance> e : KernelCatalog.allCandidates().entrySet()) {
            assertEquals(e.getValue().wgsl(), again.get(e.getKey()).wgsl());
        }
    }

    @Test
    void snapshotKernelsAreSoundAndLegal() {
        for (Map.Entry<String, KernelInstance> e : KernelCatalog.snapshots().entrySet()) {
            assertEquals(List.of(), WgslStructure.problems(e.getValue()), e.getKey());
            assertNull(e.getValue().violation(AdapterLimits.defaults()), e.getKey());
        }
    }

    @Test
    void structureCheckCatchesBrokenSources() {
        KernelInstance k = KernelCatalog.snapshots().get("matmul_odd_reg");
        KernelInstance unbalanced = new KernelInstance(k.family(), k.cacheKey(), k.wgsl() + "}\n", k.entryPoint(),
                k.bindings(), k.dispatch(), k.workgroupSizeX(), k.workgroupSizeY(), k.workgroupSizeZ(),
                k.workgroupStorageBytes());
        assertTrue(WgslStructure.problems(unbalanced).stream().anyMatch(s -> s.contains("unbalanced")));
        KernelInstance missing = new KernelInstance(k.family(), k.cacheKey(), k.wgsl(), k.entryPoint(),
                k.bindings().subList(0, 2), k.dispatch(), k.workgroupSizeX(), k.workgroupSizeY(), k.workgroupSizeZ(),
                k.workgroupStorageBytes());
        assertTrue(WgslStructure.problems(missing).stream().anyMatch(s -> s.contains("bindings declared")));
        KernelInstance wrongWg = new KernelInstance(k.family(), k.cacheKey(), k.wgsl(), k.entryPoint(), k.bindings(),
                k.dispatch(), k.workgroupSizeX() * 2, k.workgroupSizeY(), 1, k.workgroupStorageBytes());
        assertTrue(WgslStructure.problems(wrongWg).stream().anyMatch(s -> s.contains("workgroup_size")));
    }
}
