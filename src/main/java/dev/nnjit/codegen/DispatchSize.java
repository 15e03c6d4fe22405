package dev.nnjit.codegen;

/**
 * Workgroup counts of one {@code dispatchWorkgroups(x, y, z)}. Kernels that enumerate a flat range of workgroups
 * fold counts above {@link #MAX_PER_DIMENSION} (the spec minimum of maxComputeWorkgroupsPerDimension, met by every
 * adapter) into y, and linearize as {@code wid.y * x + wid.x}; so generated code does not depend on the adapter.
 */
public record DispatchSize(int x, int y, int z) {
    public static final int MAX_PER_DIMENSION = 65535;

    public DispatchSize {
        if (x <= 0 || y <= 0 || z <= 0) throw new IllegalArgumentException("dispatch " + x + "x" + y + "x" + z
                + " must be positive");
    }

    /** A flat count of workgroups as x (<= 65535) times y. */
    public static DispatchSize linear(long groups) {
        if (groups <= 0) throw new IllegalArgumentException("dispatch of " + groups + " workgroups");
        if (groups <= MAX_PER_DIMENSION) return new DispatchSize((int) groups, 1, 1);
        long y = (groups + MAX_PER_DIMENSION - 1) / MAX_PER_DIMENSION;
        long x = (groups + y - 1) / y;
        if (y > MAX_PER_DIMENSION) throw new IllegalArgumentException("dispatch of " + groups + " workgroups exceeds "
                + MAX_PER_DIMENSION + "^2");
        return new DispatchSize((int) x, (int) y, 1);
    }

    public long total() { return (long) x * y * z; }
}
