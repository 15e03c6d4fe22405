package dev.nnjit.ops.tensor;

import dev.nnjit.ops.OpContext;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Dim;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.util.Arrays;

/** Small helpers shared by this family's type rules and references. */
final class TypeRules {
    private TypeRules() {}

    static TensorType[] single(DType dtype, Shape shape) {
        return new TensorType[] {new TensorType(dtype, shape)};
    }

    static Shape shape(OpContext ctx, int input) { return ctx.inputType(input).shape(); }

    /** Input dims, or null when its rank is unknown. */
    static Dim[] dims(OpContext ctx, int input) {
        Shape s = shape(ctx, input);
        return s.hasRank() ? s.dims() : null;
    }

    /** Normalizes a possibly negative axis into [0, rank). */
    static int axis(OpContext ctx, String what, long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) throw ctx.error(what + " " + axis + " is out of range for rank " + rank);
        return (int) a;
    }

    /** Normalizes a list of axes against {@code rank}, rejecting out-of-range and repeated axes. */
    static int[] axes(OpContext ctx, long[] axes, int rank) {
        int[] r = new int[axes.length];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < axes.length; i++) {
            r[i] = axis(ctx, "axis", axes[i], rank);
            if (seen[r[i]]) throw ctx.error("axis " + axes[i] + " is repeated in " + Arrays.toString(axes));
            seen[r[i]] = true;
        }
        return r;
    }

    /** Checks shape values read from a tensor and converts them to Java int dims. */
    static int[] intDims(OpContext ctx, long[] dims, String what) {
        int[] r = new int[dims.length];
        long n = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0) throw ctx.error(what + " has negative dimension in " + Arrays.toString(dims));
            if (dims[i] > Tensor.MAX_ELEMENTS) throw ctx.error(what + " " + Arrays.toString(dims) + " is too large");
            n *= dims[i];
            if (n > Tensor.MAX_ELEMENTS) throw ctx.error(what + " " + Arrays.toString(dims) + " has too many elements");
            r[i] = (int) dims[i];
        }
        return r;
    }

    /** Whether the dtype is numeric (not bool): the ops that do arithmetic reject bool. */
    static void requireNumeric(OpContext ctx, DType dt, String what) {
        if (dt != null && !dt.isFloating() && !dt.isInteger()) throw ctx.error(what + " must be numeric, is " + dt);
    }

    /** Requires every input's dtype (where known) to equal input 0's. */
    static DType sameDTypes(OpContext ctx, int from, int to) {
        DType dt = null;
        for (int i = from; i < to; i++) {
            if (!ctx.hasInput(i)) continue;
            DType d = ctx.inputDType(i);
            if (d == null) continue;
            if (dt == null) dt = d;
            else if (d != dt) throw ctx.error("input " + i + " has dtype " + d + ", expected " + dt);
        }
        return dt;
    }

    /** Requires an integer index/shape input (int32 or int64 in ONNX; any integer dtype accepted). */
    static void requireInteger(OpContext ctx, int input, String what) {
        DType d = ctx.inputDType(input);
        if (d != null && !d.isInteger()) throw ctx.error(what + " must be an integer tensor, is " + d);
    }

    static String str(int[] a) { return Arrays.toString(a); }
}
