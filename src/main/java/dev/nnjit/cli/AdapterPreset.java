package dev.nnjit.cli;

import dev.nnjit.schedule.AdapterFeatures;
import dev.nnjit.schedule.AdapterLimits;

/**
 * Adapter limits {@code nnjit kernels} lowers against on the JVM, where there is no adapter to ask. The candidate
 * sets (and so the space checksums that stored decisions are keyed by) depend on the limits, so looking records up
 * needs the limits of the adapter they were measured on.
 */
enum AdapterPreset {
    /**
     * Headless Chromium 156's SwiftShader adapter on this project's machines, recorded from {@code GPUAdapter.limits}
     * (vendor google, architecture swiftshader): 32 KiB workgroup storage, 1 GiB bindings and buffers, 10 storage
     * buffers per stage; the rest at the spec's values. Features: {@code subgroups} (subgroup size 4 to 4) and the
     * WGSL language feature {@code subgroup_id}, no {@code shader-f16}. What the shipped records in kernels/records
     * were measured on.
     */
    SWIFTSHADER("swiftshader", new AdapterLimits(256, 256, 256, 64, 32768, 1073741824L, 65535, 10, 1073741824L),
            new AdapterFeatures(true, false, 4, 4, true, true)),
    /** The WebGPU spec's minimum limits, which every adapter meets ({@link AdapterLimits#defaults()}), no features. */
    SPEC_MIN("spec-min", AdapterLimits.defaults(), AdapterFeatures.NONE);

    final String id;
    final AdapterLimits limits;
    final AdapterFeatures features;

    AdapterPreset(String id, AdapterLimits limits, AdapterFeatures features) {
        this.id = id;
        this.limits = limits;
        this.features = features;
    }

    static AdapterPreset parse(String id) {
        for (AdapterPreset p : values()) if (p.id.equals(id)) return p;
        throw new UsageException("--adapter must be swiftshader or spec-min, got '" + id + "'");
    }
}
