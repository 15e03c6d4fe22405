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
 * GroupNormalization on (N, C, D1..Dk): channels are split into num_groups groups, each (n, group) is normalized
 * by its mean and population variance (epsilon default 1e-5), then scaled and shifted. Opsets 18-20 have scale and
 * bias per group ([num_groups]); from opset 21 they are per channel ([C]). Statistics in double.
 */
public final class GroupNormOp implements OpDef {
    @Override public String opType() { return "GroupNormalization"; }
    @Override public int minOpset() { return 18; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(3, 3);
        DType t = TypeChecks.same(ctx, Kinds.FLOAT, 0, 1, 2);
        long groups = ctx.attrIntRequired("num_groups");
        if (groups <= 0) throw ctx.error("num_groups must be positive, got " + groups);
        Shape x = ctx.inputType(0).shape();
        Dim c = Dim.unknown();
        if (x.hasRank()) {
            if (x.rank() < 3) throw ctx.error("input must have rank >= 3 (N, C, spatial...), has shape " + x);
            c = x.dim(1);
            if (c.isKnown() && c.value() % groups != 0) throw ctx.error(c + " channels are not divisible by num_groups " + groups);
        }
        Dim per = ctx.opset() >= 21 ? c : Dim.of(groups);
        NnTypes.requireChannelVector(ctx, 1, "scale", per);
        NnTypes.requireChannelVector(ctx, 2, "bias", per);
        return new TensorType[] {new TensorType(t, x)};
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        inferTypes(ctx);
        Tensor tx = inputs[0];
        int[] s = tx.shape();
        int n = s[0], c = s[1], groups = (int) ctx.attrIntRequired("num_groups"), cg = c / groups;
        int spatial = 1;
        for (int i = 2; i < s.length; i++) spatial *= s[i];
        boolean perChannel = ctx.opset() >= 21;
        double eps = ctx.attrFloat("epsilon", 1e-5f);
        float[] x = tx.floats(), scale = inputs[1].floats(), bias = inputs[2].floats(), y = new float[x.length];
        int len = cg * spatial;
        for (int img = 0; img < n; img++) {
            for (int g = 0; g < groups; g++) {
                int off = (img * c + g * cg) * spatial;
                double m = 0, v = 0;
                for (int i = 0; i < len; i++) m += x[off + i];
                m /= len;
                for (int i = 0; i < len; i++) v += (x[off + i] - m) * (x[off + i] - m);
                double inv = 1 / Math.sqrt(v / len + eps);
                for (int i = 0; i < len; i++) {
                    int p = perChannel ? g * cg + i / spatial : g;
                    y[off + i] = (float) ((x[off + i] - m) * inv * scale[p] + bias[p]);
                }
            }
        }
        return new Tensor[] {Tensor.ofFloats(tx.dtype(), s, y)};
    }
}
