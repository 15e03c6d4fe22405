package dev.nnjit.schedule;

/**
 * Legality rules of WebGPU compute kernels as pure functions of plain numbers. Each returns null when the rule is
 * met, or a message that names the quantity, its value and the limit, so callers can both filter candidates and
 * raise clear errors.
 */
public final class Legality {
    private Legality() {}

    /** A {@code @workgroup_size(x, y, z)} against the per-dimension and total invocation limits. */
    public static String workgroupSize(int x, int y, int z, AdapterLimits limits) {
        if (x <= 0 || y <= 0 || z <= 0) return "workgroup size " + x + "x" + y + "x" + z + " must be positive";
        if (x > limits.maxComputeWorkgroupSizeX()) {
            return "workgroup size x " + x + " exceeds maxComputeWorkgroupSizeX " + limits.maxComputeWorkgroupSizeX();
        }
        if (y > limits.maxComputeWorkgroupSizeY()) {
            return "workgroup size y " + y + " exceeds maxComputeWorkgroupSizeY " + limits.maxComputeWorkgroupSizeY();
        }
        if (z > limits.maxComputeWorkgroupSizeZ()) {
            return "workgroup size z " + z + " exceeds maxComputeWorkgroupSizeZ " + limits.maxComputeWorkgroupSizeZ();
        }
        long inv = (long) x * y * z;
        if (inv > limits.maxComputeInvocationsPerWorkgroup()) {
            return "workgroup of " + inv + " invocations exceeds maxComputeInvocationsPerWorkgroup "
                    + limits.maxComputeInvocationsPerWorkgroup();
        }
        return null;
    }

    /** Bytes of {@code var<workgroup>} storage against maxComputeWorkgroupStorageSize. */
    public static String workgroupStorage(long bytes, AdapterLimits limits) {
        if (bytes > limits.maxComputeWorkgroupStorageSize()) {
            return "workgroup storage of " + bytes + " bytes exceeds maxComputeWorkgroupStorageSize "
                    + limits.maxComputeWorkgroupStorageSize();
        }
        return null;
    }

    /** A dispatch's workgroup counts against maxComputeWorkgroupsPerDimension. */
    public static String dispatch(long x, long y, long z, AdapterLimits limits) {
        long max = limits.maxComputeWorkgroupsPerDimension();
        if (x < 0 || y < 0 || z < 0) return "dispatch " + x + "x" + y + "x" + z + " must not be negative";
        if (x > max || y > max || z > max) {
            return "dispatch " + x + "x" + y + "x" + z + " exceeds maxComputeWorkgroupsPerDimension " + max;
        }
        return null;
    }

    /** One storage binding's size against maxStorageBufferBindingSize and maxBufferSize. */
    public static String bindingSize(long bytes, AdapterLimits limits) {
        if (bytes > limits.maxStorageBufferBindingSize()) {
            return "storage binding of " + bytes + " bytes exceeds maxStorageBufferBindingSize "
                    + limits.maxStorageBufferBindingSize();
        }
        if (bytes > limits.maxBufferSize()) {
            return "buffer of " + bytes + " bytes exceeds maxBufferSize " + limits.maxBufferSize();
        }
        return null;
    }

    /** How many storage buffers one shader declares against maxStorageBuffersPerShaderStage. */
    public static String storageBufferCount(int count, AdapterLimits limits) {
        if (count > limits.maxStorageBuffersPerShaderStage()) {
            return count + " storage buffers exceed maxStorageBuffersPerShaderStage "
                    + limits.maxStorageBuffersPerShaderStage();
        }
        return null;
    }

    /** The first non-null message of several rules, or null when all hold. */
    public static String firstViolation(String... results) {
        for (String r : results) if (r != null) return r;
        return null;
    }
}
