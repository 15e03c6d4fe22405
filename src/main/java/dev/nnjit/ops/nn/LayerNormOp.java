package dev.nnjit.ops.nn;

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
 * LayerNormalization (opset 17): normalizes X over the dims [axis, rank) (axis default -1):
 * <pre>
 * Y = (X - mean) * invStdDev * Scale + B,  invStdDev = 1 / sqrt(var + epsilon)   (epsilon default 1e-5)
 * </pre>
 * with the population variance. Scale and the optional B broadcast one way to X's normalized dims. Optional
 * outputs Mean and InvStdDev have shape X.shape[:axis] + [1] * (rank - axis) and type float (stash_type 1).
 * Statistics are computed in double (two passes), Y rounded once to float.
 */
public final class LayerNormOp implements OpDef {
    @Override public String opType() { return "LayerNormalization"; }
    @Override public int minOpset() { return 17; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(2, 3);
        DType t = ctx.hasInput(2) ? TypeChecks.same(ctx, Kinds.FLOAT, 0, 1, 2) : TypeChecks.same(ctx, Kinds.FLOAT, 0, 1);
        if (ctx.outputCount() > 3) throw ctx.error("has at most 3 outputs, got " + ctx.outputCount());
        Shape x = ctx.inputType(0).shape();
        if (!x.hasRank()) {
            return new TensorType[] {new TensorType(t, x), new TensorType(DType.FLOAT, x), new TensorType(DType.FLOAT, x)};
        }
        int axis = Broadcasting.axis(ctx, ctx.attrInt("axis", -1), x.rank());
        Dim[] norm = Arrays.copyOfRange(x.dims(), axis, x.rank());
        for (int i = 1; i < 3; i++) {
            if (!ctx.hasInput(i)) continue;
            Shape p = ctx.inputType(i).shape();
            Shape b = Broadcasting.shape(Shape.of(norm), p);
            if (b == null || (p.hasRank() && p.rank() > norm.length) || !b.compatibleWith(Shape.of(norm))) {
                throw ctx.error((i == 1 ? "Scale" : "B") + " of shape " + p + " does not broadcast to the normalized dims "
                        + Shape.of(norm));
            }
        }
        Dim[] stat = x.dims();
        for (int i = axis; i < stat.length; i++) stat[i] = Dim.of(1);
        Shape statShape = Shape.of(stat);
        return new TensorType[] {new TensorType(t, x), new TensorType(DType.FLOAT, statShape),
                new TensorType(DType.FLOAT, statShape)};
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        inferTypes(ctx);
        Tensor tx = inputs[0], scale = inputs[1], bias = inputs.length > 2 ? inputs[2] : null;
        int[] s = tx.shape();
        int axis = Broadcasting.axis(ctx, ctx.attrInt("axis", -1), s.length);
        double eps = ctx.attrFloat("epsilon", 1e-5f);
        int[] norm = Arrays.copyOfRange(s, axis, s.length);
        int len = Tensor.checkedSize(norm, "normalized dims");
        int rows = 1;
        for (int i = 0; i < axis; i++) rows *= s[i];
        int[] is = TypeChecks.readMap(scale.shape(), norm);
        int[] ib = bias == null ? null : TypeChecks.readMap(bias.shape(), norm);
        float[] x = tx.floats(), g = scale.floats(), b = bias == null ? null : bias.floats();
        float[] y = new float[x.length], mean = new float[rows], inv = new float[rows];
        for (int r = 0; r < rows; r++) {
            int off = r * len;
            double m = 0;
            for (int i = 0; i < len; i++) m += x[off + i];
            m /= len;
            double v = 0;
            for (int i = 0; i < len; i++) v += (x[off + i] - m) * (x[off + i] - m);
            v /= len;
            double invStd = 1 / Math.sqrt(v + eps);
            for (int i = 0; i < len; i++) {
                double z = (x[off + i] - m) * invStd * g[is == null ? i : is[i]];
                if (b != null) z += b[ib == null ? i : ib[i]];
                y[off + i] = (float) z;
            }
            mean[r] = (float) m;
            inv[r] = (float) invStd;
        }
        int[] stat = s.clone();
        for (int i = axis; i < stat.length; i++) stat[i] = 1;
        return new Tensor[] {Tensor.ofFloats(tx.dtype(), s, y), Tensor.ofFloats(stat, mean), Tensor.ofFloats(stat, inv)};
    }
}
