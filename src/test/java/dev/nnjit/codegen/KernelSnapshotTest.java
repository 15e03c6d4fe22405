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
 * Generated WGSL for fixed (op, config) pairs equals kernels/snapshots/NAME.wgsl. After an intended change to a
 * generator, rewrite them with {@code mvn test -Dtest=KernelSnapshotTest -Dnnjit.updateSnapshots=true} and review
 * the diff.
 */
class KernelSnapshotTest {
    static final Path DIR = Path.of("kernels", "snapshots");

    @Test
    void generatedKernelsMatchSnapshots() throws Exception {
        boolean update = Boolean.getBoolean("nnjit.updateSnapshots");
        Map<String, KernelInstance> kernels = KernelCatalog.snapshots();
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
            String want = Files.readString(f);
            if (!want.equals(text)) mismatches.add(f + " differs at line " + firstDifferentLine(want, text));
        }
        assertTrue(mismatches.isEmpty(), String.join("\n", mismatches)
                + "\n(after an intended change run with -Dnnjit.updateSnapshots=true and review the diff)");
        try (var files = Files.list(DIR)) {
            long count = files.filter(p -> p.toString().endsWith(".wgsl")).count();
            assertEquals(kernels.size(), count, "stale snapshot files in " + DIR);
        }
    }

    private static int firstDifferentLine(String a, String b) {
        String[] x = a.split("\n", -1), y = b.split("\n", -1);
        for (int i = 0; i < Math.min(x.length, y.length); i++) if (!x[i].equals(y[i])) return i + 1;
        return Math.min(x.length, y.length) + 1;
    }
}
