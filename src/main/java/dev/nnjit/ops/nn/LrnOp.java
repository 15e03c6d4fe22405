package dev.nnjit.ops.nn;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.ops.math.TypeChecks;
import dev.nnjit.ops.math.TypeChecks.Kinds;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/**
 * Local response normalization across channels of (N, C, D1..Dk):
 * <pre>
 * y[n,c,d] = x[n,c,d] / (bias + alpha / size * sum_{c' = c - floor((size-1)/2)}^{c + ceil((size-1)/2)} x[n,c',d]^2)^beta
 * </pre>
 * (channels outside [0, C) are skipped). Defaults alpha 1e-4, beta 0.75, bias 1; size is required. Double inside.
 */
public final class LrnOp implements OpDef {
    @Override public String opType() { return "LRN"; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(1, 1);
        DType t = TypeChecks.require(ctx, 0, Kinds.FLOAT);
        if (ctx.attrIntRequired("size") <= 0) throw ctx.error("size must be positive, got " + ctx.attrInt("size", 0));
        Shape x = ctx.inputType(0).shape();
        if (x.hasRank() && x.rank() < 3) throw ctx.error("input must have rank >= 3 (N, C, spatial...), has shape " + x);
        return new TensorType[] {new TensorType(t, x)};
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        inferTypes(ctx);
        Tensor tx = inputs[0];
        int[] s = tx.shape();
        int n = s[0], c = s[1], spatial = 1;
        for (int i = 2; i < s.length; i++) spatial *= s[i];
        int size = (int) ctx.attrIntRequired("size");
        double alpha = ctx.attrFloat("alpha", 1e-4f), beta = ctx.attrFloat("beta", 0.75f), bias = ctx.attrFloat("bias", 1f);
        int before = (size - 1) / 2, after = size - 1 - before;
        float[] x = tx.floats(), y = new float[x.length];
        for (int img = 0; img < n; img++) {
            for (int ch = 0; ch < c; ch++) {
                int lo = Math.max(0, ch - before), hi = Math.min(c - 1, ch + after);
                for (int i = 0; i < spatial; i++) {
                    double sq = 0;
                    for (int k = lo; k <= hi; k++) {
                        double v = x[(img * c + k) * spatial + i];
                        sq += v * v;
                    }
                    int idx = (img * c + ch) * spatial + i;
                    y[idx] = (float) (x[idx] / Math.pow(bias + alpha / size * sq, beta));
                }
            }
        }
        return new Tensor[] {Tensor.ofFloats(tx.dtype(), s, y)};
    }
}
