package dev.nnjit.codegen;

/**
 * Softmax (or LogSoftmax) of f32 rows: y = exp(x - max) / sum exp(x - max) per row of {@code layout}; the output
 * has the input's layout and shape.
 */
public record SoftmaxProblem(RowLayout layout, boolean log) implements KernelProblem {

    /** rows x cols over the last axis. */
    public static SoftmaxProblem lastAxis(int rows, int cols, boolean log) {
        return new SoftmaxProblem(RowLayout.contiguous(rows, cols), log);
    }

    /** Opset >= 13: over one axis of {@code shape}. */
    public static SoftmaxProblem onAxis(int[] shape, int axis, boolean log) {
        return new SoftmaxProblem(RowLayout.reducing(shape, new int[] {axis}), log);
    }

    /** Opset < 13: the input coerced to 2-D at {@code axis} (rows = dims before it, cols = the rest). */
    public static SoftmaxProblem coerced(int[] shape, int axis, boolean log) {
        int ax = axis < 0 ? axis + shape.length : axis;
        return new SoftmaxProblem(RowLayout.contiguous((int) Wgsl.product(shape, 0, ax),
                (int) Wgsl.product(shape, ax, shape.length)), log);
    }

    @Override public String key() { return layout.key() + (log ? "_log" : ""); }
}
