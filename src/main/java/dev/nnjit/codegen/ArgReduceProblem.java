package dev.nnjit.codegen;

/**
 * ONNX ArgMax / ArgMin over one axis of a tensor of {@code shape}: per kept-dims coordinate (row-major, so keepdims
 * only changes the output's shape) the index of the largest (smallest) value; ties go to the first index, or the
 * last with {@code selectLast}. Values are f32 or i32; indices are written as i32.
 */
public record ArgReduceProblem(ScalarType type, int[] shape, int axis, boolean max, boolean selectLast)
        implements KernelProblem {
    public ArgReduceProblem {
        shape = shape.clone();
        if (type == ScalarType.BOOL || axis < 0 || axis >= shape.length || Wgsl.product(shape) <= 0) {
            throw new IllegalArgumentException("ArgReduce: " + type + Wgsl.shape(shape) + " axis " + axis);
        }
    }

    public RowLayout layout() { return RowLayout.reducing(shape, new int[] {axis}); }

    @Override public String key() {
        return (max ? "max_" : "min_") + (selectLast ? "last_" : "first_") + type.name().toLowerCase() + "_"
                + layout().key();
    }
}
