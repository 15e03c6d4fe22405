package dev.nnjit.ops.math;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.ops.math.TypeChecks.Kinds;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/** IsNaN and IsInf (with detect_negative / detect_positive): float in, bool out, same shape. */
public final class FloatClassOp implements OpDef {
    private final boolean nan;

    private FloatClassOp(boolean nan) { this.nan = nan; }

    public static FloatClassOp isNaN() { return new FloatClassOp(true); }
    public static FloatClassOp isInf() { return new FloatClassOp(false); }

    @Override public String opType() { return nan ? "IsNaN" : "IsInf"; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(1, 1);
        TypeChecks.require(ctx, 0, Kinds.FLOAT);
        return new TensorType[] {new TensorType(DType.BOOL, ctx.inputType(0).shape())};
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        inferTypes(ctx);
        float[] x = inputs[0].floats();
        boolean[] out = new boolean[x.length];
        if (nan) {
            for (int i = 0; i < x.length; i++) out[i] = Float.isNaN(x[i]);
        } else {
            boolean neg = ctx.attrInt("detect_negative", 1) != 0, pos = ctx.attrInt("detect_positive", 1) != 0;
            for (int i = 0; i < x.length; i++) {
                out[i] = (pos && x[i] == Float.POSITIVE_INFINITY) || (neg && x[i] == Float.NEGATIVE_INFINITY);
            }
        }
        return new Tensor[] {Tensor.ofBools(inputs[0].shape(), out)};
    }
}
