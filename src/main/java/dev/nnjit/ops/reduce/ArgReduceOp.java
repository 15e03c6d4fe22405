package dev.nnjit.ops.reduce;

import dev.nnjit.ops.Broadcasting;
import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.ops.math.TypeChecks;
import dev.nnjit.ops.math.TypeChecks.Kinds;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/**
 * ArgMax / ArgMin along one axis (default 0), int64 output, keepdims (default 1). Ties go to the first index, or
 * the last with select_last_index=1 (opset 12+). A NaN is never "greater" or "less", so it is chosen only if it is
 * the first element of its slice. An empty axis has no answer and is an error.
 */
public final class ArgReduceOp implements OpDef {
    private final boolean max;

    public ArgReduceOp(boolean max) { this.max = max; }

    @Override public String opType() { return max ? "ArgMax" : "ArgMin"; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(1, 1);
        TypeChecks.require(ctx, 0, Kinds.NUMERIC);
        Shape in = ctx.inputType(0).shape();
        if (!in.hasRank()) return new TensorType[] {new TensorType(DType.INT64, Shape.unknownRank())};
        boolean[] reduced = new boolean[in.rank()];
        reduced[Broadcasting.axis(ctx, ctx.attrInt("axis", 0), in.rank())] = true;
        return new TensorType[] {new TensorType(DType.INT64,
                ReduceAxes.outShape(in, reduced, ctx.attrInt("keepdims", 1) != 0))};
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        inferTypes(ctx);
        Tensor x = inputs[0];
        int[] shape = x.shape();
        int axis = Broadcasting.axis(ctx, ctx.attrInt("axis", 0), shape.length);
        boolean last = ctx.attrInt("select_last_index", 0) != 0;
        boolean[] reduced = new boolean[shape.length];
        reduced[axis] = true;
        int[] outShape = ReduceAxes.finalShape(shape, reduced, ctx.attrInt("keepdims", 1) != 0);
        int len = shape[axis];
        int outer = 1, inner = 1;
        for (int i = 0; i < axis; i++) outer *= shape[i];
        for (int i = axis + 1; i < shape.length; i++) inner *= shape[i];
        long[] out = new long[outer * inner];
        if (len == 0 && out.length > 0) throw ctx.error("cannot take " + opType() + " over empty axis " + axis + " of " + x.describe());
        double[] v = TypeChecks.toDoubles(x);
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                int base = o * len * inner + in;
                int best = 0;
                double bestV = v[base];
                for (int k = 1; k < len; k++) {
                    double e = v[base + k * inner];
                    boolean better = max ? (e > bestV || (last && e == bestV)) : (e < bestV || (last && e == bestV));
                    if (better) { best = k; bestV = e; }
                }
                out[o * inner + in] = best;
            }
        }
        return new Tensor[] {Tensor.ofLongs(DType.INT64, outShape, out)};
    }
}
