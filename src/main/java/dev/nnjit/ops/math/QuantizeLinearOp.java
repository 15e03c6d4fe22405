package dev.nnjit.ops.math;

import dev.nnjit.ops.Broadcasting;
import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.ops.math.TypeChecks.Kinds;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/**
 * QuantizeLinear: y = saturate(round_half_even(x / scale) + zero_point), and DequantizeLinear:
 * y = (x - zero_point) * scale, per tensor (scalar scale) or per axis (1-D scale along 'axis', default 1).
 * QuantizeLinear's output type is the zero point's (uint8 when absent, or output_dtype from opset 21). Arithmetic
 * is in float as in ONNX Runtime. Blocked quantization (block_size, opset 21) is not supported.
 */
public final class QuantizeLinearOp implements OpDef {
    private final boolean quantize;

    public QuantizeLinearOp(boolean quantize) { this.quantize = quantize; }

    @Override public String opType() { return quantize ? "QuantizeLinear" : "DequantizeLinear"; }
    @Override public int minOpset() { return 10; }

    private DType outType(OpContext ctx) {
        if (!quantize) return ctx.inputDType(1);
        if (ctx.hasInput(2)) return ctx.inputDType(2);
        long code = ctx.attrInt("output_dtype", 0);
        if (code == 0) return DType.UINT8;
        DType t = DType.fromOnnx((int) code);
        if (t == null || !t.isInteger()) throw ctx.error("output_dtype " + code + " is not a supported integer type");
        return t;
    }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(2, 3);
        if (ctx.attrInt("block_size", 0) != 0) throw ctx.error("blocked quantization (block_size) is not supported");
        TypeChecks.require(ctx, 0, quantize ? Kinds.NUMERIC : Kinds.INT);
        TypeChecks.require(ctx, 1, Kinds.FLOAT);
        if (ctx.hasInput(2)) {
            TypeChecks.require(ctx, 2, Kinds.INT);
            if (!quantize) TypeChecks.same(ctx, Kinds.INT, 0, 2);
        }
        Shape x = ctx.inputType(0).shape(), s = ctx.inputType(1).shape();
        if (s.hasRank() && s.rank() > 1) throw ctx.error("scale must be a scalar or 1-D, has shape " + s);
        if (x.hasRank() && s.hasRank() && s.rank() == 1 && x.rank() > 0) {
            int axis = Broadcasting.axis(ctx, ctx.attrInt("axis", 1), x.rank());
            if (x.dim(axis).isKnown() && s.dim(0).isKnown() && s.dim(0).value() != x.dim(axis).value()
                    && s.dim(0).value() != 1) {
                throw ctx.error("scale of shape " + s + " does not match axis " + axis + " of " + x);
            }
        }
        return new TensorType[] {new TensorType(outType(ctx), x)};
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        inferTypes(ctx);
        Tensor x = inputs[0], scale = inputs[1], zp = inputs.length > 2 ? inputs[2] : null;
        int[] shape = x.shape();
        int n = x.size();
        // Per-axis parameters: element i uses parameter (i / inner) % len; per-tensor: always 0.
        int inner = 1, len = 1;
        if (scale.size() > 1) {
            int axis = Broadcasting.axis(ctx, ctx.attrInt("axis", 1), shape.length);
            len = shape[axis];
            for (int d = axis + 1; d < shape.length; d++) inner *= shape[d];
            if (scale.size() != len || (zp != null && zp.size() != len)) {
                throw ctx.error("per-axis scale/zero point must have " + len + " values, got " + scale.describe());
            }
        }
        float[] sc = scale.floats();
        long[] z = zp == null ? null : zp.longs();
        if (quantize) {
            DType t = outType(ctx);
            long lo = t.minValue(), hi = t.maxValue();
            long[] out = new long[n];
            for (int i = 0; i < n; i++) {
                int p = len == 1 ? 0 : (i / inner) % len;
                float v = (float) x.getDouble(i) / sc[p];
                double q = Math.rint(v) + (z == null ? 0 : z[p]);
                out[i] = (long) Math.max(lo, Math.min(hi, q));
            }
            return new Tensor[] {Tensor.ofLongs(t, shape, out)};
        }
        long[] v = x.longs();
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            int p = len == 1 ? 0 : (i / inner) % len;
            out[i] = (float) (v[i] - (z == null ? 0 : z[p])) * sc[p];
        }
        return new Tensor[] {Tensor.ofFloats(scale.dtype(), shape, out)};
    }
}
