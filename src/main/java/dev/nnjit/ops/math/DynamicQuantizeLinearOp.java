package dev.nnjit.ops.math;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.ops.math.TypeChecks.Kinds;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/**
 * DynamicQuantizeLinear: float x -> (y uint8, y_scale float scalar, y_zero_point uint8 scalar), per the spec:
 * <pre>
 * lo = min(0, min(x)), hi = max(0, max(x)), y_scale = (hi - lo) / 255
 * y_zero_point = saturate(round_half_even(0 - lo / y_scale)),  y = saturate(round_half_even(x / y_scale) + y_zero_point)
 * </pre>
 * in float arithmetic. An all-zero (or empty) x has y_scale 0; then y and y_zero_point are 0 rather than NaN.
 */
public final class DynamicQuantizeLinearOp implements OpDef {
    @Override public String opType() { return "DynamicQuantizeLinear"; }
    @Override public int minOpset() { return 11; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(1, 1);
        TypeChecks.require(ctx, 0, Kinds.FLOAT);
        Shape scalar = Shape.of(new int[0]);
        return new TensorType[] {new TensorType(DType.UINT8, ctx.inputType(0).shape()),
                new TensorType(DType.FLOAT, scalar), new TensorType(DType.UINT8, scalar)};
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        inferTypes(ctx);
        float[] x = inputs[0].floats();
        float lo = 0, hi = 0;
        for (float v : x) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        float scale = (hi - lo) / 255f;
        long zp = scale == 0 ? 0 : (long) Math.max(0, Math.min(255, Math.rint(0 - lo / scale)));
        long[] y = new long[x.length];
        if (scale != 0) {
            for (int i = 0; i < x.length; i++) y[i] = (long) Math.max(0, Math.min(255, Math.rint(x[i] / scale) + zp));
        }
        return new Tensor[] {Tensor.ofLongs(DType.UINT8, inputs[0].shape(), y), Tensor.ofFloats(new int[0], new float[] {scale}),
                Tensor.ofLongs(DType.UINT8, new int[0], new long[] {zp})};
    }
}
