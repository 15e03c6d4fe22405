package dev.nnjit.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Generated WGSL of {@link CoverageKernelCatalog} equals kernels/snapshots/coverage/NAME.wgsl, and every coverage
 * snapshot's cache key is distinct. Rewrite after an intended generator change with
 * {@code mvn test -Dtest=CoverageKernelSnapshotTest -Dnnjit.updateSnapshots=true} and review the diff.
 */
class CoverageKernelSnapshotTest {
    static final Path DIR = Path.of("kernels", "snapshots", "coverage");

    @Test
    void generatedKernelsMatchSnapshots() throws Exception {
        boolean update = Boolean.getBoolean("nnjit.updateSnapshots");
        Map<String, KernelInstance> kernels = CoverageKernelCatalog.snapshots();
        List<String> mismatches = new ArrayList<>();
        if (update) Files.createDirectories(DIR);
        for (Map.Entry<String, KernelInstance> e : kernels.entrySet()) {
            Path f = DIR.resolve(e.getKey() + ".wgsl");
            String text = e.getValue().wgsl();
            if (update) {
                Files.writeString(f, text);
                continue;
            }
            if (!Files.exists(f)) { mismatches.add(f + " missing"); continue; }
            if (!Files.readString(f).equals(text)) mismatches.add(f + " differs");
        }
        assertTrue(mismatches.isEmpty(), String.join("\n", mismatches)
                + "\n(after an intended change run with -Dnnjit.updateSnapshots=true and review the diff)");
        try (var files = Files.list(DIR)) {
            assertEquals(kernels.size(), files.filter(p -> p.toString().endsWith(".wgsl")).count(),
                    "stale snapshot files in " + DIR);
        }
        assertEquals(kernels.size(), kernels.values().stream().map(KernelInstance::cacheKey).distinct().count(),
                "cache keys must differ");
    }
}
