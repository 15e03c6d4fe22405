package dev.nnjit.codegen;

/**
 * ONNX CumSum along {@code axis} of a tensor of {@code shape}, f32 or i32: running sums in order (or from the end
 * with {@code reverse}), each output including its own element unless {@code exclusive}.
 */
public record CumSumProblem(ScalarType type, int[] shape, int axis, boolean exclusive, boolean reverse)
        implements KernelProblem {
    public CumSumProblem {
        shape = shape.clone();
        if (type == ScalarType.BOOL || axis < 0 || axis >= shape.length || Wgsl.product(shape) <= 0) {
            throw new IllegalArgumentException("CumSum: " + type + Wgsl.shape(shape) + " axis " + axis);
        }
    }

    /** Independent lines along the axis. */
    public long lines() { return Wgsl.product(shape) / shape[axis]; }

    @Override public String key() {
        return type.name().toLowerCase() + "_" + Wgsl.dims(shape) + "_ax" + axis + (exclusive ? "_excl" : "")
                + (reverse ? "_rev" : "");
    }
}
