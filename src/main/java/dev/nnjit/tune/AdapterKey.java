package dev.nnjit.tune;

import dev.nnjit.schedule.AdapterInfo;
import dev.nnjit.wasm.kernels.WasmCpu;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The device a tuning decision was measured on, the namespace of stored decisions: a record measured on one adapter
 * never answers for another. Two adapters are the same when vendor, architecture, description and the hashes of
 * their limits and features all agree (a driver update that changes the description starts a fresh namespace, which
 * is the safe side: timings may have changed with it).
 *
 * @param vendor GPUAdapterInfo.vendor ("" when the browser hides it)
 * @param architecture GPUAdapterInfo.architecture
 * @param description GPUAdapterInfo.description (or the device's own description text)
 * @param limitsHash {@link Checksum} of the adapter's limits text (AdapterLimits.key())
 * @param featuresHash {@link Checksum} of the sorted feature names
 */
public record AdapterKey(String vendor, String architecture, String description, String limitsHash,
                         String featuresHash) {

    public AdapterKey {
        vendor = vendor == null ? "" : vendor;
        architecture = architecture == null ? "" : architecture;
        description = description == null ? "" : description;
        if (limitsHash == null || featuresHash == null) throw new IllegalArgumentException("limits and features hashes are required");
    }

    /** The key of an adapter with these limits (any stable text, e.g. AdapterLimits.key()) and features (any order). */
    public static AdapterKey of(String vendor, String architecture, String description, String limitsText,
                                List<String> features) {
        List<String> sorted = new ArrayList<>(features);
        Collections.sort(sorted);
        return new AdapterKey(vendor, architecture, description, Checksum.of(limitsText == null ? "" : limitsText),
                Checksum.of(sorted));
    }

    /**
     * The key of a WebGPU adapter as an engine build sees it: vendor and architecture from {@code GPUAdapter.info};
     * the description joins the info's device id and description with the engine build {@code platform} ("wasm-gc"
     * or "js"), so the two builds keep separate records (they drive the same kernels through different host code,
     * and a record should answer only for the setup it was measured in); the adapter's limits and features.
     */
    public static AdapterKey of(AdapterInfo info, String platform) {
        String description = info.description() + (info.device().isEmpty() ? "" : " (device " + info.device() + ")")
                + " [engine " + platform + "]";
        return of(info.vendor(), info.architecture(), description, info.limits().key(), info.features());
    }

    /**
     * The key of the CPU as the wasm-simd backend runs kernels on it: vendor "cpu", architecture "wasm-simd"; the
     * description names the engine ({@code engine}: the browser's user agent, whose version decides what the Wasm
     * compiler makes of a kernel), the engine build {@code platform} and the hardware concurrency; the "limits" are
     * the thread count and memory kind and the features the engine's (relaxed-simd or not). So records of one
     * machine, browser or thread setup never answer for another.
     */
    public static AdapterKey ofWasm(WasmCpu cpu, int hardwareConcurrency, String engine, String platform) {
        String description = (engine == null ? "" : engine) + " [hardwareConcurrency " + hardwareConcurrency
                + "] [engine " + platform + "]";
        return of("cpu", "wasm-simd", description, "threads=" + cpu.threads() + ";sharedMemory=" + cpu.sharedMemory(),
                cpu.relaxedSimd() ? List.of("simd128", "relaxed-simd") : List.of("simd128"));
    }

    /**
     * A file-name-safe identity: "vendor-architecture-" and a checksum of every field, e.g.
     * "google-swiftshader-3f2a...". Stores name their files after it.
     */
    public String id() {
        String prefix = slug(vendor) + "-" + slug(architecture);
        return prefix + "-" + Checksum.of(List.of(vendor, architecture, description, limitsHash, featuresHash));
    }

    private static String slug(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < 24; i++) {
            char c = Character.toLowerCase(s.charAt(i));
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (ok) sb.append(c);
            else if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '_') sb.append('_');
        }
        while (sb.length() > 0 && sb.charAt(sb.length() - 1) == '_') sb.setLength(sb.length() - 1);
        return sb.length() == 0 ? "unknown" : sb.toString();
    }
}
