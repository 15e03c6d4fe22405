package dev.nnjit.codegen;

/**
 * ONNX Reduce* over {@code axes} of an f32 tensor of {@code shape}; the output holds one value per kept-dims
 * coordinate, row-major (keepdims only changes the output's shape, not its data). Empty axes follow the caller's
 * resolution of noop_with_empty_axes: pass all axes to reduce everything.
 */
public record ReduceProblem(Op op, int[] shape, int[] axes) implements KernelProblem {

    public enum Op { SUM, MEAN, MAX, MIN, PROD, SUM_SQUARE, L1, L2, LOG_SUM_EXP }

    public ReduceProblem {
        shape = shape.clone();
        axes = axes.clone();
        if (axes.length == 0) throw new IllegalArgumentException("reduce needs at least one axis (resolve"
                + " noop_with_empty_axes before codegen)");
    }

    public RowLayout layout() { return RowLayout.reducing(shape, axes); }

    @Override public String key() { return op.name().toLowerCase() + "_" + layout().key(); }
}
