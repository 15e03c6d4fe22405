package dev.nnjit.schedule;

/**
 * Schedule of the matrix-vector kernel used when M = 1 (decoder token steps, pooled heads). A workgroup of
 * {@code workgroupX x splitK} invocations computes {@code workgroupX * (vec4 ? 4 : 1)} outputs: invocation (x, y)
 * sums every {@code splitK}-th k of its columns, and the partial sums are added in workgroup memory.
 *
 * <p>With {@code subgroups} the workgroup is 1-D: {@code splitK} invocations, each accumulating all
 * {@code workgroupX} column groups of the workgroup over every {@code splitK}-th k (so lanes read consecutive k:
 * contiguous for a transposed B); each subgroup adds its partials with {@code subgroupAdd}, writes one slot per
 * column group at its {@code subgroup_id}, and after one barrier invocation x < workgroupX adds the
 * {@code num_subgroups} slots of column group x. One barrier instead of log2(splitK) levels.
 *
 * @param vec4 B is read as {@code vec4<f32>} along N (untransposed B, N divisible by 4)
 * @param subgroups the subgroup form above (needs {@link AdapterFeatures#subgroupKernels()})
 */
public record GemvConfig(int workgroupX, int splitK, boolean vec4, boolean subgroups) implements ScheduleConfig {

    /** A schedule without subgroup operations. */
    public GemvConfig(int workgroupX, int splitK, boolean vec4) { this(workgroupX, splitK, vec4, false); }

    public GemvConfig {
        if (workgroupX <= 0 || splitK <= 0) {
            throw new IllegalArgumentException("gemv workgroup must be positive: " + workgroupX + "x" + splitK);
        }
    }

    public int columnsPerInvocation() { return vec4 ? 4 : 1; }

    public int columnsPerWorkgroup() { return workgroupX * columnsPerInvocation(); }

    public int invocations() { return subgroups ? splitK : workgroupX * splitK; }

    /** Columns one invocation accumulates: its own group, or in the subgroup form every group of the workgroup. */
    public int accumulatorFloats() { return subgroups ? columnsPerWorkgroup() : columnsPerInvocation(); }

    /**
     * The partial sums exchanged through workgroup memory: one per invocation and column, or in the subgroup form
     * one per subgroup (at most one per invocation) and column.
     */
    public int workgroupStorageBytes() {
        if (subgroups) return 4 * splitK * columnsPerWorkgroup();
        return splitK > 1 ? 4 * invocations() * columnsPerInvocation() : 0;
    }

    /** Cache-key text: every component, in declaration order ("_sg" only when set, so older keys are unchanged). */
    public String key() { return "x" + workgroupX + "_k" + splitK + (vec4 ? "_v4" : "_v1") + (subgroups ? "_sg" : ""); }
}
