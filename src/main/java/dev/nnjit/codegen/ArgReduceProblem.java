package dev.nnjit.codegen;


/**
 * ONNX ArgMax / ArgMin of a tensor of {@code shape} along {@code axis}: one i32 index per (outer, inner) position,
 * row-major (keepdims changes only the output's shape). Ties go to the first index, or the last when
 * {@code selectLast}; a NaN is never better, so it wins only as the first element (as the reference does).
 */
public record ArgReduceProblem(ScalarType type, int[] shape, int axis, boolean max, boolean selectLast)
        implements KernelProblem {

    public ArgReduceProblem {
        shape = shape.clone();
        if (type == ScalarType.BOOL) throw new IllegalArgumentException("ArgMax/ArgMin of bool is not defined");
        if (axis < 0 || axis >= shape.length) {
            throw new IllegalArgumentException("axis " + axis + " out of range for shape " + Wgsl.shape(shape));
        }
        if (shape[axis] == 0) throw new IllegalArgumentException("ArgMax/ArgMin over an empty axis");
    }

    public long outer() { return Wgsl.product(shape, 0, axis); }
    public long inner() { return Wgsl.product(shape, axis + 1, shape.length); }
    public int length() { return shape[axis]; }
    public long outputs() { return outer() * inner(); }

    @Override public String key() {
        return type.name().toLowerCase() + "_" + Wgsl.dims(shape) + "_ax" + axis + (max ? "_max" : "_min")
                + (selectLast ? "_last" : "_first");
    }
}
