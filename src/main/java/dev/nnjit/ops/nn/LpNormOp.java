package dev.nnjit.ops.nn;

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
 * LpNormalization: x / ||x||_p along 'axis' (default -1), p in {1, 2} (default 2). A zero norm leaves the (zero)
 * slice as zeros instead of producing NaN, as ONNX Runtime does.
 */
public final class LpNormOp implements OpDef {
    @Override public String opType() { return "LpNormalization"; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(1, 1);
        DType t = TypeChecks.require(ctx, 0, Kinds.FLOAT);
        long p = ctx.attrInt("p", 2);
        if (p != 1 && p != 2) throw ctx.error("p must be 1 or 2, got " + p);
        Shape x = ctx.inputType(0).shape();
        if (x.hasRank()) Broadcasting.axis(ctx, ctx.attrInt("axis", -1), x.rank());
        return new TensorType[] {new TensorType(t, x)};
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        inferTypes(ctx);
        Tensor tx = inputs[0];
        int[] s = tx.shape();
        int axis = Broadcasting.axis(ctx, ctx.attrInt("axis", -1), s.length);
        boolean l1 = ctx.attrInt("p", 2) == 1;
        int outer = 1, len = s[axis], inner = 1;
        for (int i = 0; i < axis; i++) outer *= s[i];
        for (int i = axis + 1; i < s.length; i++) inner *= s[i];
        float[] x = tx.floats(), y = new float[x.length];
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                int base = o * len * inner + in;
                double norm = 0;
                for (int k = 0; k < len; k++) {
                    double v = x[base + k * inner];
                    norm += l1 ? Math.abs(v) : v * v;
                }
                if (!l1) norm = Math.sqrt(norm);
                for (int k = 0; k < len; k++) y[base + k * inner] = norm == 0 ? 0f : (float) (x[base + k * inner] / norm);
            }
        }
        return new Tensor[] {Tensor.ofFloats(tx.dtype(), s, y)};
    }
}
