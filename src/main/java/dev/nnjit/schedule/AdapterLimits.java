package dev.nnjit.schedule;

/**
 * The adapter limits that decide whether a kernel configuration can run, as plain numbers so legality rules are
 * pure functions testable on the JVM. The runtime fills one from {@code GPUAdapter.limits} (or the device it
 * requested); {@link #defaults()} gives the WebGPU spec's minimum guarantees, which every adapter meets.
 *
 * @param maxComputeInvocationsPerWorkgroup product of the workgroup size's x, y and z
 * @param maxComputeWorkgroupSizeX largest {@code @workgroup_size} x
 * @param maxComputeWorkgroupSizeY largest {@code @workgroup_size} y
 * @param maxComputeWorkgroupSizeZ largest {@code @workgroup_size} z
 * @param maxComputeWorkgroupStorageSize bytes of {@code var<workgroup>} per shader
 * @param maxStorageBufferBindingSize bytes one storage binding may span
 * @param maxComputeWorkgroupsPerDimension largest x, y or z of one dispatch
 * @param maxStorageBuffersPerShaderStage storage bindings one compute shader may declare
 * @param maxBufferSize bytes of one GPUBuffer
 */
public record AdapterLimits(
        int maxComputeInvocationsPerWorkgroup,
        int maxComputeWorkgroupSizeX,
        int maxComputeWorkgroupSizeY,
        int maxComputeWorkgroupSizeZ,
        int maxComputeWorkgroupStorageSize,
        long maxStorageBufferBindingSize,
        int maxComputeWorkgroupsPerDimension,
        int maxStorageBuffersPerShaderStage,
        long maxBufferSize) {

    public AdapterLimits {
        if (maxComputeInvocationsPerWorkgroup <= 0 || maxComputeWorkgroupSizeX <= 0 || maxComputeWorkgroupSizeY <= 0
                || maxComputeWorkgroupSizeZ <= 0 || maxComputeWorkgroupStorageSize < 0
                || maxStorageBufferBindingSize <= 0 || maxComputeWorkgroupsPerDimension <= 0
                || maxStorageBuffersPerShaderStage <= 0 || maxBufferSize <= 0) {
            throw new IllegalArgumentException("adapter limits must be positive: " + this);
        }
    }

    /** The limits every WebGPU implementation guarantees (the spec's defaults for requestDevice). */
    public static AdapterLimits defaults() {
        return new AdapterLimits(256, 256, 256, 64, 16384, 134217728L, 65535, 8, 268435456L);
    }

    /** A canonical text form, for tuning-cache keys ("which adapter was this measured on"). */
    public String key() {
        return "inv" + maxComputeInvocationsPerWorkgroup + ",wg" + maxComputeWorkgroupSizeX + "x"
                + maxComputeWorkgroupSizeY + "x" + maxComputeWorkgroupSizeZ + ",smem" + maxComputeWorkgroupStorageSize
                + ",bind" + maxStorageBufferBindingSize + ",disp" + maxComputeWorkgroupsPerDimension + ",sb"
                + maxStorageBuffersPerShaderStage + ",buf" + maxBufferSize;
    }
}
