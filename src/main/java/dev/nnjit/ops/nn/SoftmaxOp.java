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
 * Softmax, LogSoftmax and Hardmax. From opset 13 they work along one axis (default -1). Before 13 the input is
 * viewed as a 2-D matrix [prod(dims before axis), prod(dims from axis)] (axis default 1) and each row is one
 * softmax, so the result differs from the single-axis form whenever axis is not the last dim.
 *
 * <p>Softmax and LogSoftmax subtract the slice maximum and compute in double (exp and log of the shifted values),
 * rounding once to float; Hardmax puts 1 at the first maximum of each slice and 0 elsewhere.
 */
public final class SoftmaxOp implements OpDef {
    public enum Kind { SOFTMAX, LOG_SOFTMAX, HARDMAX }

    private final Kind kind;

    public SoftmaxOp(Kind kind) { this.kind = kind; }

    @Override public String opType() {
        return kind == Kind.SOFTMAX ? "Softmax" : kind == Kind.LOG_SOFTMAX ? "LogSoftmax" : "Hardmax";
    }

    private static long axisAttr(OpContext ctx) { return ctx.attrInt("axis", ctx.opset() < 13 ? 1 : -1); }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(1, 1);
        DType t = TypeChecks.require(ctx, 0, Kinds.FLOAT);
        Shape s = ctx.inputType(0).shape();
        if (s.hasRank()) Broadcasting.axis(ctx, axisAttr(ctx), s.rank());
        return new TensorType[] {new TensorType(t, s)};
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        inferTypes(ctx);
        Tensor tx = inputs[0];
        int[] s = tx.shape();
        int axis = Broadcasting.axis(ctx, axisAttr(ctx), s.length);
        int outer = 1, len = 1, inner = 1;
        for (int i = 0; i < axis; i++) outer *= s[i];
        if (ctx.opset() < 13) {
            for (int i = axis; i < s.length; i++) len *= s[i];
        } else {
            len = s[axis];
            for (int i = axis + 1; i < s.length; i++) inner *= s[i];
        }
        float[] x = tx.floats(), y = new float[x.length];
        double[] exps = new double[len];
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                int base = o * len * inner + in;
                double max = Double.NEGATIVE_INFINITY;
                int arg = 0;
                for (int k = 0; k < len; k++) {
                    double v = x[base + k * inner];
                    if (v > max) { max = v; arg = k; }
                }
                if (kind == Kind.HARDMAX) {
                    if (len > 0) y[base + arg * inner] = 1f;
                    continue;
                }
                double sum = 0;
                for (int k = 0; k < len; k++) {
                    double e = Math.exp(x[base + k * inner] - max);
                    exps[k] = e;
                    sum += e;
                }
                double logSum = Math.log(sum);
                for (int k = 0; k < len; k++) {
                    y[base + k * inner] = (float) (kind == Kind.SOFTMAX ? exps[k] / sum : x[base + k * inner] - max - logSum);
                }
            }
        }
        return new Tensor[] {Tensor.ofFloats(tx.dtype(), s, y)};
    }
}
