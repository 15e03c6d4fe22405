package dev.nnjit.schedule;

/**
 * Schedule of the matrix-vector kernel used when M = 1 (decoder token steps, pooled heads). A workgroup of
 * {@code workgroupX x splitK} invocations computes {@code workgroupX * (vec4 ? 4 : 1)} outputs: invocation (x, y)
 * sums every {@code splitK}-th k of its columns, and the partial sums are added in workgroup memory.
 *
 * @param vec4 B is read as {@code vec4<f32>} along N (untransposed B, N divisible by 4)
 */
public record GemvConfig(int workgroupX, int splitK, boolean vec4) implements ScheduleConfig {

    public GemvConfig {
        if (workgroupX <= 0 || splitK <= 0) {
            throw new IllegalArgumentException("gemv workgroup must be positive: " + workgroupX + "x" + splitK);
        }
    }

    public int columnsPerInvocation() { return vec4 ? 4 : 1; }

    public int columnsPerWorkgroup() { return workgroupX * columnsPerInvocation(); }

    public int invocations() { return workgroupX * splitK; }

    /** The partial sums exchanged through workgroup memory. */
    public int workgroupStorageBytes() { return splitK > 1 ? 4 * invocations() * columnsPerInvocation() : 0; }

    /** Cache-key text: every component, in declaration order. */
    public String key() { return "x" + workgroupX + "_k" + splitK + (vec4 ? "_v4" : "_v1"); }
}
