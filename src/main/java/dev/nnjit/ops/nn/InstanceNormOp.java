package dev.nnjit.ops.nn;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.ops.math.TypeChecks;
import dev.nnjit.ops.math.TypeChecks.Kinds;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Dim;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/**
 * InstanceNormalization on (N, C, D1..Dn): each (n, c) plane is normalized by its own mean and population
 * variance, then scaled and shifted per channel: Y = (X - mean) / sqrt(var + epsilon) * scale[c] + B[c]
 * (epsilon default 1e-5). Statistics in double.
 */
public final class InstanceNormOp implements OpDef {
    @Override public String opType() { return "InstanceNormalization"; }
    @Override public int minOpset() { return 6; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(3, 3);
        DType t = TypeChecks.same(ctx, Kinds.FLOAT, 0, 1, 2);
        Shape x = ctx.inputType(0).shape();
        Dim c = Dim.unknown();
        if (x.hasRank()) {
            if (x.rank() < 3) throw ctx.error("input must have rank >= 3 (N, C, spatial...), has shape " + x);
            c = x.dim(1);
        }
        NnTypes.requireChannelVector(ctx, 1, "scale", c);
        NnTypes.requireChannelVector(ctx, 2, "B", c);
        return new TensorType[] {new TensorType(t, x)};
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        inferTypes(ctx);
        Tensor tx = inputs[0];
        int[] s = tx.shape();
        int c = s[1], planes = s[0] * c;
        int spatial = 1;
        for (int i = 2; i < s.length; i++) spatial *= s[i];
        float[] x = tx.floats(), scale = inputs[1].floats(), b = inputs[2].floats(), y = new float[x.length];
        double eps = ctx.attrFloat("epsilon", 1e-5f);
        for (int p = 0; p < planes; p++) {
            int off = p * spatial, ch = p % c;
            double m = 0;
            for (int i = 0; i < spatial; i++) m += x[off + i];
            m /= spatial;
            double v = 0;
            for (int i = 0; i < spatial; i++) v += (x[off + i] - m) * (x[off + i] - m);
            v /= spatial;
            double k = scale[ch] / Math.sqrt(v + eps);
            for (int i = 0; i < spatial; i++) y[off + i] = (float) ((x[off + i] - m) * k + b[ch]);
        }
        return new Tensor[] {Tensor.ofFloats(tx.dtype(), s, y)};
    }
}
