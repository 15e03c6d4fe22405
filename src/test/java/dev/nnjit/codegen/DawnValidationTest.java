package dev.nnjit.codegen;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every snapshot kernel and every candidate of every space (KernelCatalog) passes Tint's full WGSL validation
 * (parse, types, uniformity), the compiler inside Chrome's WebGPU. Skipped without tools/wgsl-check.
 */
class DawnValidationTest {
    @Test
    void tintAcceptsEveryGeneratedKernel() throws Exception {
        assumeTrue(DawnHarness.available(), "Dawn tool not installed (cd tools/wgsl-check && npm ci)");
        DawnHarness h = new DawnHarness();
        // Subgroup kernels need a device with the subgroups feature: validated where Dawn's adapter offers it.
        boolean subgroups = DawnHarness.probeFeatures().subgroupKernels();
        for (Map.Entry<String, KernelInstance> e : KernelCatalog.snapshots().entrySet()) {
            if (subgroups || !KernelCatalog.usesSubgroups(e.getValue())) h.validate("snap_" + e.getKey(), e.getValue());
        }
        for (Map.Entry<String, KernelInstance> e : KernelCatalog.allCandidates().entrySet()) {
            if (subgroups || !KernelCatalog.usesSubgroups(e.getValue())) h.validate(e.getKey(), e.getValue());
        }
        if (!subgroups) System.out.println("Dawn's adapter has no subgroups (or no subgroup_id): subgroup kernels not validated");
        Map<String, DawnHarness.Result> res = h.execute();
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, DawnHarness.Result> e : res.entrySet()) {
            if (!e.getValue().ok()) failures.add(e.getKey() + ": " + e.getValue().error());
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + res.size() + " rejected:\n"
                + String.join("\n", failures.subList(0, Math.min(10, failures.size()))));
        assertTrue(res.size() == h.size() && res.size() > 300, "validated " + res.size());
    }
}
