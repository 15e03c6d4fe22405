package dev.nnjit.schedule;

import java.util.Set;

/**
 * The optional adapter capabilities that decide which schedules a space may offer, as plain values so the rules
 * stay pure and JVM-testable (the companion of {@link AdapterLimits}). {@link #NONE} is the spec baseline: a space
 * given it offers exactly the candidates it offered before features existed, and index 0 never depends on features
 * (untuned programs are the same on every adapter).
 *
 * <p>A subgroup candidate is offered only when {@link #subgroupKernels()} holds: the device was created with the
 * {@code subgroups} feature (WGSL {@code enable subgroups;}) and WGSL has the {@code subgroup_id} language feature
 * ({@code @builtin(subgroup_id)}, {@code @builtin(num_subgroups)}). Kernels use subgroup_id because neither
 * Vulkan nor WGSL guarantees how local_invocation_index maps onto subgroups (Vulkan's SubgroupLocalInvocationId:
 * "no direct relationship" with LocalInvocationIndex), so {@code lid / subgroup_size} is not a subgroup's index.
 *
 * @param subgroups the device has the {@code subgroups} feature (requested at requestDevice)
 * @param shaderF16 the device has {@code shader-f16} (no space uses it yet; part of the key so records stay apart)
 * @param subgroupMinSize {@code adapter.info.subgroupMinSize}, or 0 when unknown (WebGPU guarantees at least 4)
 * @param subgroupMaxSize {@code adapter.info.subgroupMaxSize}, or 0 when unknown (WebGPU guarantees at most 128)
 * @param subgroupId {@code navigator.gpu.wgslLanguageFeatures} has {@code subgroup_id}
 * @param softwareAdapter the adapter runs kernels on the CPU (SwiftShader, llvmpipe/lavapipe, WARP; see
 *     {@link AdapterInfo#softwareRenderer()}): its workgroups are CPU threads, so a few wide workgroups win where a
 *     GPU needs hundreds. It picks the small-M matmul default (see {@link MatmulSpace}); not an optional feature,
 *     but a property of the adapter that spaces read the same way
 */
public record AdapterFeatures(boolean subgroups, boolean shaderF16, int subgroupMinSize, int subgroupMaxSize,
                              boolean subgroupId, boolean softwareAdapter) {

    /** The WebGPU baseline: no optional feature, a hardware GPU. */
    public static final AdapterFeatures NONE = new AdapterFeatures(false, false, 0, 0, false);

    /** A hardware GPU's features (softwareAdapter false). */
    public AdapterFeatures(boolean subgroups, boolean shaderF16, int subgroupMinSize, int subgroupMaxSize,
                           boolean subgroupId) {
        this(subgroups, shaderF16, subgroupMinSize, subgroupMaxSize, subgroupId, false);
    }

    /** The same features on a software adapter (or not). */
    public AdapterFeatures withSoftwareAdapter(boolean software) {
        return new AdapterFeatures(subgroups, shaderF16, subgroupMinSize, subgroupMaxSize, subgroupId, software);
    }

    /** Subgroup size bounds WebGPU guarantees when an adapter reports none. */
    public static final int SPEC_MIN_SUBGROUP_SIZE = 4;
    public static final int SPEC_MAX_SUBGROUP_SIZE = 128;

    public AdapterFeatures {
        if (subgroupMinSize < 0 || subgroupMaxSize < 0
                || (subgroupMinSize > 0 && subgroupMaxSize > 0 && subgroupMinSize > subgroupMaxSize)) {
            throw new IllegalArgumentException("subgroup sizes must be 0 (unknown) or 0 < min <= max: "
                    + subgroupMinSize + ".." + subgroupMaxSize);
        }
    }

    /**
     * From the names the browser reports: {@code adapter.features} (or the device's), the WGSL language features
     * ({@code navigator.gpu.wgslLanguageFeatures}), and {@code adapter.info.subgroupMin/MaxSize} (0 when absent).
     */
    public static AdapterFeatures of(Set<String> features, Set<String> wgslLanguageFeatures, int subgroupMinSize,
                                     int subgroupMaxSize) {
        return new AdapterFeatures(features.contains("subgroups"), features.contains("shader-f16"),
                subgroupMinSize, subgroupMaxSize, wgslLanguageFeatures.contains("subgroup_id"));
    }

    /** Whether kernels built on subgroup operations and {@code subgroup_id} may be offered. */
    public boolean subgroupKernels() { return subgroups && subgroupId; }

    /** The smallest subgroup size kernels may rely on: the adapter's, or the spec's 4. */
    public int minSubgroupSize() { return subgroupMinSize > 0 ? subgroupMinSize : SPEC_MIN_SUBGROUP_SIZE; }

    /** The largest subgroup size kernels must tolerate: the adapter's, or the spec's 128. */
    public int maxSubgroupSize() { return subgroupMaxSize > 0 ? subgroupMaxSize : SPEC_MAX_SUBGROUP_SIZE; }

    /** A canonical text form for tuning-cache keys: every component, "none" for the baseline. */
    public String key() {
        StringBuilder sb = new StringBuilder();
        if (subgroups) sb.append("sg").append(subgroupMinSize).append('-').append(subgroupMaxSize);
        if (subgroupId) sb.append(sb.length() > 0 ? "," : "").append("sgid");
        if (shaderF16) sb.append(sb.length() > 0 ? "," : "").append("f16");
        if (!subgroups && (subgroupMinSize > 0 || subgroupMaxSize > 0)) {
            sb.append(sb.length() > 0 ? "," : "").append("sz").append(subgroupMinSize).append('-').append(subgroupMaxSize);
        }
        if (softwareAdapter) sb.append(sb.length() > 0 ? "," : "").append("cpu");
        return sb.length() == 0 ? "none" : sb.toString();
    }
}
