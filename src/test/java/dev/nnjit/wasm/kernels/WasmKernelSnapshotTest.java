package dev.nnjit.wasm.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.wasm.Wabt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every generated Wasm module of {@link WasmKernelCatalog} passes {@code wasm-validate} (threads and relaxed SIMD
 * enabled) and its {@code wasm2wat} text equals kernels/wasm-snapshots/NAME.wat. After an intended change to a
 * generator, rewrite them with {@code mvn test -Dtest=WasmKernelSnapshotTest -Dnnjit.updateSnapshots=true} (the
 * same property as the WGSL snapshots) and review the diff. Skipped, with a message, where wabt is not installed.
 */
class WasmKernelSnapshotTest {
    static final Path DIR = Path.of("kernels", "wasm-snapshots");

    @Test
    void generatedModulesValidateAndMatchSnapshots() throws Exception {
        Wabt.assumeInstalled();
        boolean update = Boolean.getBoolean("nnjit.updateSnapshots");
        Map<String, WasmKernelInstance> kernels = WasmKernelCatalog.snapshots();
        List<String> mismatches = new ArrayList<>();
        if (update) Files.createDirectories(DIR);
        for (Map.Entry<String, WasmKernelInstance> e : kernels.entrySet()) {
            Path f = DIR.resolve(e.getKey() + ".wat");
            String text = Wabt.toWat(e.getKey(), e.getValue().wasm());
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
            assertEquals(kernels.size(), files.filter(p -> p.toString().endsWith(".wat")).count(),
                    "stale snapshot files in " + DIR);
        }
    }

    @Test
    void cacheKeysDifferWhereModulesDiffer() {
        Map<String, WasmKernelInstance> kernels = WasmKernelCatalog.snapshots();
        for (WasmKernelInstance x : kernels.values()) {
            for (WasmKernelInstance y : kernels.values()) {
                if (x != y && x.cacheKey().equals(y.cacheKey())) {
                    assertTrue(java.util.Arrays.equals(x.wasm(), y.wasm()), "same key, different bytes: " + x.cacheKey());
                }
            }
        }
    }
}
