package dev.nnjit.schedule;

/**
 * Schedule of a row reduction (softmax, layer/RMS norm, reduce over trailing axes): a 1-D workgroup of
 * {@code workgroupSize} invocations handles {@code rowsPerWorkgroup} rows, each row by
 * {@code workgroupSize / rowsPerWorkgroup} invocations that stride over its columns and combine their partial
 * results with a tree reduction in workgroup memory. {@code workgroupSize == rowsPerWorkgroup} is the serial form:
 * one invocation per row, no workgroup memory and no barriers.
 */
public record ReductionConfig(int workgroupSize, int rowsPerWorkgroup) implements ScheduleConfig {

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

    public int threadsPerRow() { return workgroupSize / rowsPerWorkgroup; }

    /** One invocation per row: no tree, no workgroup memory, no barriers. */
    public boolean serial() { return workgroupSize == rowsPerWorkgroup; }

    /** Bytes of the shared partial-result array (one f32 per invocation; none in the serial form). */
    public int workgroupStorageBytes() { return serial() ? 0 : 4 * workgroupSize; }

    /** Cache-key text: every component, in declaration order. */
    public String key() { return "w" + workgroupSize + "_r" + rowsPerWorkgroup; }
}
