package dev.nnjit.codegen;

import java.util.List;

/**
 * Transpose, Slice, Expand, Where and Cast as {@link ElementwiseProblem}s: each is an elementwise identity (or
 * select / conversion) over strided input views, so they share {@link ElementwiseKernel} and its pipeline cache
 * (two ops with the same view and type compile once). The builders implement the ONNX shape rules.
 */
public final class DataMovement {
    private DataMovement() {}

    /** ONNX Transpose: out dim i is input dim perm[i] (perm null: reversed dims). */
    public static ElementwiseProblem transpose(ScalarType type, int[] shape, int[] perm) {
        int r = shape.length;
        if (perm == null) {
            perm = new int[r];
            for (int i = 0; i < r; i++) perm[i] = r - 1 - i;
        }
        if (perm.length != r) throw new IllegalArgumentException("Transpose perm " + Wgsl.shape(perm) + " does not match rank "
                + r + " of " + Wgsl.shape(shape));
        boolean[] seen = new boolean[r];
        int[] cs = Wgsl.contiguousStrides(shape);
        int[] out = new int[r];
        int[] strides = new int[r];
        for (int i = 0; i < r; i++) {
            int p = perm[i];
            if (p < 0 || p >= r || seen[p]) throw new IllegalArgumentException("Transpose perm " + Wgsl.shape(perm)
                    + " is not a permutation of 0.." + (r - 1));
            seen[p] = true;
            out[i] = shape[p];
            strides[i] = cs[p];
        }
        return new ElementwiseProblem("Transpose", out, List.of(new ElementwiseInput(type, shape, 0, strides)),
                ElementwiseExpr.input(0, type));
    }

    /**
     * ONNX Slice (opset 10+): starts/ends/axes/steps as given in the node (axes null: 0..n-1; steps null: all 1);
     * negative starts/ends count from the end, and both are clamped per the spec ([0, dim] for positive steps,
     * [-1, dim-1] for negative).
     */
    public static ElementwiseProblem slice(ScalarType type, int[] shape, long[] starts, long[] ends, int[] axes,
                                           long[] steps) {
        int r = shape.length;
        int[] start = new int[r];
        int[] step = new int[r];
        int[] out = shape.clone();
        for (int d = 0; d < r; d++) step[d] = 1;
        if (ends.length != starts.length) throw new IllegalArgumentException("Slice starts and ends differ in length");
        boolean[] seen = new boolean[r];
        for (int i = 0; i < starts.length; i++) {
            int ax = axes == null ? i : axes[i] < 0 ? axes[i] + r : axes[i];
            if (ax < 0 || ax >= r || seen[ax]) throw new IllegalArgumentException("Slice axis " + (axes == null ? i
                    : axes[i]) + " invalid or repeated for rank " + r);
            seen[ax] = true;
            long st = steps == null ? 1 : steps[i];
            if (st == 0) throw new IllegalArgumentException("Slice step must not be 0 (axis " + ax + ")");
            long dim = shape[ax];
            long s = starts[i] < 0 ? starts[i] + dim : starts[i];
            long e = ends[i] < 0 ? ends[i] + dim : ends[i];
            if (st > 0) {
                s = Math.max(0, Math.min(dim, s));
                e = Math.max(0, Math.min(dim, e));
            } else {
                s = Math.max(-1, Math.min(dim - 1, s));
                e = Math.max(-1, Math.min(dim - 1, e));
            }
            long n = st > 0 ? (e - s + st - 1) / st : (s - e + (-st) - 1) / (-st);
            out[ax] = (int) Math.max(0, n);
            start[ax] = (int) Math.max(0, Math.min(dim - 1, s));
            step[ax] = (int) st;
        }
        for (int d : out) if (d == 0) throw new IllegalArgumentException("Slice result " + Wgsl.shape(out)
                + " is empty: the runtime skips the kernel");
        int[] cs = Wgsl.contiguousStrides(shape);
        long offset = 0;
        int[] strides = new int[r];
        for (int d = 0; d < r; d++) {
            offset += (long) start[d] * cs[d];
            strides[d] = cs[d] * step[d];
        }
        return new ElementwiseProblem("Slice", out, List.of(new ElementwiseInput(type, shape, (int) offset, strides)),
                ElementwiseExpr.input(0, type));
    }

    /** ONNX Expand: the output shape is the broadcast of the input shape and {@code shape}. */
    public static ElementwiseProblem expand(ScalarType type, int[] in, int[] shape) {
        int[] out = dev.nnjit.ops.Broadcasting.shape(in, shape);
        return new ElementwiseProblem("Expand", out, List.of(ElementwiseInput.broadcast(type, in, out)),
                ElementwiseExpr.input(0, type));
    }

    /** ONNX Where(cond, x, y) with broadcasting. */
    public static ElementwiseProblem where(int[] cond, ScalarType type, int[] x, int[] y) {
        int[] out = dev.nnjit.ops.Broadcasting.shape(cond, x, y);
        return new ElementwiseProblem("Where", out, List.of(ElementwiseInput.broadcast(ScalarType.BOOL, cond, out),
                ElementwiseInput.broadcast(type, x, out), ElementwiseInput.broadcast(type, y, out)),
                ElementwiseExpr.where(ElementwiseExpr.input(0, ScalarType.BOOL), ElementwiseExpr.input(1, type),
                        ElementwiseExpr.input(2, type)));
    }

    /** ONNX Cast between the GPU types (f32 to i32 truncates toward zero; to bool is x != 0). */
    public static ElementwiseProblem cast(ScalarType from, ScalarType to, int[] shape) {
        return new ElementwiseProblem("Cast", shape, List.of(ElementwiseInput.broadcast(from, shape, shape)),
                ElementwiseExpr.cast(ElementwiseExpr.input(0, from), to));
    }
}
