package dev.nnjit.ops.fused;

import dev.nnjit.ops.Broadcasting;
import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.ops.math.TypeChecks;
import dev.nnjit.ops.math.TypeChecks.Kinds;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Dim;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.util.Arrays;

/**
 * nnjit.RMSNormalization(X, Scale), attributes axis (default -1) and epsilon (default 1e-5): normalizes X over the
 * dims [axis, rank) by their root mean square, as Llama and T5 do (and as ONNX opset 23 RMSNormalization defines):
 * <pre>
 * Y = X / sqrt(mean(X^2) + epsilon) * Scale
 * </pre>
 * Scale broadcasts one way to the normalized dims. The mean square is accumulated in double and Y rounded once to
 * float, so the result is at least as accurate as the float chain it replaces.
 */
final class RmsNormOp implements OpDef {
    @Override public String opType() { return "RMSNormalization"; }
    @Override public String domain() { return FusedOps.DOMAIN; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(2, 2);
        DType t = TypeChecks.same(ctx, Kinds.FLOAT, 0, 1);
        Shape x = ctx.inputType(0).shape();
        if (!x.hasRank()) return new TensorType[] {new TensorType(t, x)};
        int axis = Broadcasting.axis(ctx, ctx.attrInt("axis", -1), x.rank());
        Dim[] norm = Arrays.copyOfRange(x.dims(), axis, x.rank());
        Shape p = ctx.inputType(1).shape();
        Shape b = Broadcasting.shape(Shape.of(norm), p);
        if (b == null || (p.hasRank() && p.rank() > norm.length) || !b.compatibleWith(Shape.of(norm))) {
            throw ctx.error("Scale of shape " + p + " does not broadcast to the normalized dims " + Shape.of(norm));
        }
        return new TensorType[] {new TensorType(t, x)};
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        inferTypes(ctx);
        Tensor tx = inputs[0], scale = inputs[1];
        int[] s = tx.shape();
        int axis = Broadcasting.axis(ctx, ctx.attrInt("axis", -1), s.length);
        double eps = ctx.attrFloat("epsilon", 1e-5f);
        int[] norm = Arrays.copyOfRange(s, axis, s.length);
        int len = Tensor.checkedSize(norm, "normalized dims");
        int rows = len == 0 ? 0 : tx.size() / len;
        int[] is = TypeChecks.readMap(scale.shape(), norm);
        float[] x = tx.floats(), g = scale.floats();
        float[] y = new float[x.length];
        for (int r = 0; r < rows; r++) {
            int off = r * len;
            double ms = 0;
            for (int i = 0; i < len; i++) ms += (double) x[off + i] * x[off + i];
            double inv = 1 / Math.sqrt(ms / len + eps);
            for (int i = 0; i < len; i++) y[off + i] = (float) (x[off + i] * inv * g[is == null ? i : is[i]]);
        }
        return new Tensor[] {Tensor.ofFloats(tx.dtype(), s, y)};
    }
}
