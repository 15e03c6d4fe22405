package dev.nnjit.codegen;

/**
 * ONNX ScatterND and ScatterElements (and Scatter), applied to {@code out} after it holds a copy of data.
 *
 * <ul>
 *   <li>ND: indices [..., k] pick slices of data (data dims k.. form the slice); updates = indices.shape[:-1] +
 *       slice shape.</li>
 *   <li>ELEMENTS: updates and indices have one shape; update at c lands at c with c[axis] = indices[c].</li>
 * </ul>
 * Negative indices count from the end; out-of-range ones are clamped (the reference raises an error). Reductions
 * combine an update with what is already there; without one, duplicate targets are undefined as in ONNX.
 */
public record ScatterProblem(Kind kind, Reduction reduction, ScalarType type, int[] dataShape, int[] indicesShape,
                             int axis) implements KernelProblem {
    public enum Kind { ND, ELEMENTS }

    public enum Reduction { NONE, ADD, MUL, MAX, MIN }

    public ScatterProblem {
        dataShape = dataShape.clone();
        indicesShape = indicesShape.clone();
        if (kind == Kind.ND) {
            int q = indicesShape.length;
            if (q < 1 || indicesShape[q - 1] < 1 || indicesShape[q - 1] > dataShape.length) {
                throw new IllegalArgumentException("ScatterND: indices " + Wgsl.shape(indicesShape) + " for data "
                        + Wgsl.shape(dataShape));
            }
        } else if (indicesShape.length != dataShape.length || axis < 0 || axis >= dataShape.length) {
            throw new IllegalArgumentException("ScatterElements: indices " + Wgsl.shape(indicesShape) + " for data "
                    + Wgsl.shape(dataShape) + ", axis " + axis);
        }
        if (reduction != Reduction.NONE && type == ScalarType.BOOL) {
            throw new IllegalArgumentException("Scatter reduction " + reduction + " on bool");
        }
    }

    /** ND: index components per tuple. */
    public int k() { return indicesShape[indicesShape.length - 1]; }

    /** ND: elements of one slice. */
    public long slice() { return Wgsl.product(dataShape, k(), dataShape.length); }

    /** ND: index tuples. */
    public long tuples() { return Wgsl.product(indicesShape, 0, indicesShape.length - 1); }

    /** Elements of updates. */
    public long updates() { return kind == Kind.ND ? tuples() * slice() : Wgsl.product(indicesShape); }

    @Override public String key() {
        return kind.name().toLowerCase() + "_" + reduction.name().toLowerCase() + "_" + type.name().toLowerCase() + "_"
                + Wgsl.dims(dataShape) + "_i" + Wgsl.dims(indicesShape) + (kind == Kind.ELEMENTS ? "_ax" + axis : "");
    }
}
