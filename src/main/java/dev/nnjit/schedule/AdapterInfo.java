package dev.nnjit.schedule;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Which WebGPU adapter this is: what {@code GPUAdapter.info} says about it, the features it offers and its limits.
 * The page shows it, and a tuning cache uses {@link #key()} as its namespace: a schedule measured on one adapter is
 * reused only on an adapter with the same identity. Plain data, so the tuner's pure code can use it on the JVM.
 *
 * @param vendor {@code info.vendor}, e.g. "google", "nvidia" ("" when the browser withholds it)
 * @param architecture {@code info.architecture}, e.g. "swiftshader", "ampere" (may be "")
 * @param device {@code info.device}, a vendor-specific device id (often "")
 * @param description {@code info.description}, a driver-supplied name (often "")
 * @param features the adapter's features, sorted (e.g. "subgroups", "timestamp-query")
 * @param limits the adapter's limits (which nnjit requests for its device)
 */
public record AdapterInfo(String vendor, String architecture, String device, String description,
                          List<String> features, AdapterLimits limits) {

    public AdapterInfo {
        vendor = nonNull(vendor);
        architecture = nonNull(architecture);
        device = nonNull(device);
        description = nonNull(description);
        List<String> sorted = new ArrayList<>(features);
        Collections.sort(sorted);
        features = Collections.unmodifiableList(sorted);
        if (limits == null) throw new IllegalArgumentException("adapter limits are required");
    }

    /** "vendor architecture device" without the empty parts, e.g. "google swiftshader"; "unknown adapter" if none. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        for (String part : new String[] {vendor, architecture, device}) {
            if (part.isEmpty()) continue;
            if (b.length() > 0) b.append(' ');
            b.append(part);
        }
        return b.length() == 0 ? "unknown adapter" : b.toString();
    }

    public boolean hasFeature(String name) { return features.contains(name); }

    /**
     * Whether this adapter is a software implementation that runs kernels on the CPU: SwiftShader (Chrome's
     * fallback), Mesa's llvmpipe/lavapipe, Microsoft's Basic Render Driver (WARP). Read from the names the browser
     * reports; an adapter that withholds them counts as a GPU.
     */
    public boolean softwareRenderer() {
        String s = (vendor + " " + architecture + " " + device + " " + description).toLowerCase();
        return s.contains("swiftshader") || s.contains("llvmpipe") || s.contains("lavapipe")
                || s.contains("microsoft basic render");
    }

    /**
     * A canonical text form of the whole identity, for a tuning cache's namespace: equal keys mean the same adapter
     * as far as WebGPU lets a page tell (same driver-reported names, features and limits).
     */
    public String key() {
        return "vendor=" + vendor + ";arch=" + architecture + ";device=" + device + ";desc=" + description
                + ";features=" + String.join(",", features) + ";limits=" + limits.key();
    }

    private static String nonNull(String s) { return s == null ? "" : s; }
}
