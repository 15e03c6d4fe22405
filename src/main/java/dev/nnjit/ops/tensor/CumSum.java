package dev.nnjit.ops.tensor;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/**
 * CumSum (opset 11): running sums along the axis given by input 1 (an int scalar or one-element 1-D tensor,
 * negative allowed). {@code exclusive=1} leaves out the element itself; {@code reverse=1} sums from the end.
 * Floats accumulate in float (as ONNX Runtime does), rounded to the dtype's precision at each step; integers wrap.
 */
final class CumSum implements OpDef {
    @Override public String opType() { return "CumSum"; }
    @Override public int minOpset() { return 11; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(2, 2);
        DType dt = ctx.inputDType(0);
        TypeRules.requireNumeric(ctx, dt, "input");
        TypeRules.requireInteger(ctx, 1, "axis");
        Shape in = TypeRules.shape(ctx, 0);
        Tensor axis = ctx.constantInput(1);
        if (axis != null && in.hasRank()) axis(ctx, axis, in.rank());
        return TypeRules.single(dt, in);
    }

    private static int axis(OpContext ctx, Tensor axis, int rank) {
        if (axis.size() != 1 || axis.rank() > 1) throw ctx.error("axis must be a scalar, has shape " + axis.describe());
        return TypeRules.axis(ctx, "axis", axis.getLong(0), rank);
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        inferTypes(ctx);
        Tensor x = inputs[0];
        int[] s = x.shape();
        int axis = axis(ctx, inputs[1], s.length);
        boolean exclusive = ctx.attrInt("exclusive", 0) != 0, reverse = ctx.attrInt("reverse", 0) != 0;
        int outer = IndexMaps.product(s, 0, axis), n = s[axis], inner = IndexMaps.product(s, axis + 1, s.length);
        DType dt = x.dtype();
        Object out = Elements.allocate(dt, x.size());
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                int base = o * n * inner + in;
                if (dt.isFloating()) scanFloat(dt, x.floats(), (float[]) out, base, n, inner, exclusive, reverse);
                else scanLong(dt, x.longs(), (long[]) out, base, n, inner, exclusive, reverse);
            }
        }
        return new Tensor[] {Tensor.of(dt, s, out)};
    }

    private static void scanFloat(DType dt, float[] x, float[] y, int base, int n, int stride, boolean excl, boolean rev) {
        float acc = 0;
        for (int t = 0; t < n; t++) {
            int p = base + (rev ? n - 1 - t : t) * stride;
            if (excl) { y[p] = acc; acc = CastRules.toFloatType(dt, acc + x[p]); }
            else { acc = CastRules.toFloatType(dt, acc + x[p]); y[p] = acc; }
        }
    }

    private static void scanLong(DType dt, long[] x, long[] y, int base, int n, int stride, boolean excl, boolean rev) {
        long acc = 0;
        for (int t = 0; t < n; t++) {
            int p = base + (rev ? n - 1 - t : t) * stride;
            if (excl) { y[p] = acc; acc = dt.wrap(acc + x[p]); }
            else { acc = dt.wrap(acc + x[p]); y[p] = acc; }
        }
    }
}
