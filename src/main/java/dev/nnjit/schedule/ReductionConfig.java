package dev.nnjit.schedule;

/**
 * Schedule of a row reduction (softmax, layer/RMS norm, reduce over trailing axes): a 1-D workgroup of
 * {@code workgroupSize} invocations handles {@code rowsPerWorkgroup} rows, each row by
 * {@code workgroupSize / rowsPerWorkgroup} invocations that stride over its columns and combine their partial
 * results with a tree reduction in workgroup memory. {@code workgroupSize == rowsPerWorkgroup} is the serial form:
 * one invocation per row, no workgroup memory and no barriers.
 *
 * <p>With {@code subgroups} (WGSL {@code enable subgroups;}, see {@link AdapterFeatures#subgroupKernels()}) a row
 * is combined with subgroup operations ({@code subgroupAdd}/{@code Max}/{@code Min}/{@code Mul}) instead of the tree:
 * <ul>
 *   <li>{@code rowsPerWorkgroup == 1}, the subgroup tree: all {@code workgroupSize} invocations stride over the row,
 *   each subgroup combines its partials with one subgroup operation and writes one slot (at its
 *   {@code subgroup_id}) to workgroup memory, and after one barrier every invocation folds the
 *   {@code num_subgroups} slots in order: 2 barriers per reduction instead of 2 + log2(workgroupSize);
 *   <li>{@code rowsPerWorkgroup > 1}, rows per subgroup: each subgroup owns whole rows (row {@code r} of the
 *   workgroup goes to subgroup {@code r mod num_subgroups}), its lanes stride over the row by
 *   {@code subgroup_size}: no workgroup memory and no barriers.
 * </ul>
 * Both are correct for every subgroup size (4 to 128) and every mapping of invocations onto subgroups.
 */
public record ReductionConfig(int workgroupSize, int rowsPerWorkgroup, boolean subgroups) implements ScheduleConfig {

    /** A schedule without subgroup operations. */
    public ReductionConfig(int workgroupSize, int rowsPerWorkgroup) { this(workgroupSize, rowsPerWorkgroup, false); }

    public ReductionConfig {
        if (workgroupSize <= 0 || rowsPerWorkgroup <= 0 || workgroupSize % rowsPerWorkgroup != 0) {
            throw new IllegalArgumentException("reduction workgroup " + workgroupSize + " must be a positive multiple"
                    + " of rowsPerWorkgroup " + rowsPerWorkgroup);
        }
        int t = workgroupSize / rowsPerWorkgroup;
        if ((t & (t - 1)) != 0) {
            throw new IllegalArgumentException("invocations per row must be a power of two for the tree reduction, got "
                    + t);
        }
    }

    /** Invocations per row in the forms without subgroups and in the subgroup tree (not for rows per subgroup). */
    public int threadsPerRow() { return workgroupSize / rowsPerWorkgroup; }

    /** One invocation per row: no tree, no workgroup memory, no barriers. */
    public boolean serial() { return !subgroups && workgroupSize == rowsPerWorkgroup; }

    /** The subgroup form in which each subgroup owns whole rows (no workgroup memory, no barriers). */
    public boolean rowsPerSubgroup() { return subgroups && rowsPerWorkgroup > 1; }

    /**
     * Bytes of the shared partial-result array: one f32 per invocation in the tree, one per subgroup (at most one
     * per invocation) in the subgroup tree, none in the serial and rows-per-subgroup forms.
     */
    public int workgroupStorageBytes() { return serial() || rowsPerSubgroup() ? 0 : 4 * workgroupSize; }

    /** Cache-key text: every component, in declaration order ("_sg" only when set, so older keys are unchanged). */
    public String key() { return "w" + workgroupSize + "_r" + rowsPerWorkgroup + (subgroups ? "_sg" : ""); }
}
