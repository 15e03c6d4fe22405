package dev.nnjit.ops.fused;

import dev.nnjit.ops.Broadcasting;
import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.ops.math.MatMulKernel;
import dev.nnjit.ops.math.TypeChecks;
import dev.nnjit.ops.math.TypeChecks.Kinds;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Dim;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/**
 * nnjit.Attention(Q, K, V, mask?), attribute scale (default 1/sqrt(D)): scaled dot-product attention per head.
 * <pre>
 * Q [B, H, Sq, D], K [B, Hk, Skv, D], V [B, Hv, Skv, Dv], mask broadcastable to [B, H, Sq, Skv]
 * scores[b,h] = Q[b,h] @ K[b, h / (H/Hk)]^T * scale + mask[b,h]      (additive mask; a bias such as T5's goes here too)
 * Y [B, H, Sq, Dv] = softmax(scores, last axis) @ V[b, h / (H/Hv)]
 * </pre>
 * Hk and Hv must divide H: query heads share key/value heads in consecutive groups (grouped-query attention, the
 * layout of Llama's repeat_kv), so exports that materialize repeated K/V need not.
 *
 * <p>Numerics mirror the MatMul / Mul / Add / Softmax / MatMul chain it replaces: both products on
 * {@link MatMulKernel}, the scale and mask applied in float, the softmax in double like the Softmax op. Only a
 * scale that the export applied by division differs, by at most one rounding of each score.
 */
final class AttentionOp implements OpDef {
    @Override public String opType() { return "Attention"; }
    @Override public String domain() { return FusedOps.DOMAIN; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(3, 4);
        DType t = ctx.hasInput(3) ? TypeChecks.same(ctx, Kinds.FLOAT, 0, 1, 2, 3) : TypeChecks.same(ctx, Kinds.FLOAT, 0, 1, 2);
        Shape q = ctx.inputType(0).shape(), k = ctx.inputType(1).shape(), v = ctx.inputType(2).shape();
        if (!q.hasRank() || !k.hasRank() || !v.hasRank()) return new TensorType[] {new TensorType(t, Shape.unknownRank())};
        if (q.rank() != 4 || k.rank() != 4 || v.rank() != 4) {
            throw ctx.error("Q, K and V must have rank 4 [B, heads, S, D], got " + q + ", " + k + " and " + v);
        }
        sameDim(ctx, "batch", q.dim(0), k.dim(0), v.dim(0));
        sameDim(ctx, "head size D of Q and K", q.dim(3), k.dim(3));
        sameDim(ctx, "key/value length of K and V", k.dim(2), v.dim(2));
        groups(ctx, q.dim(1), k.dim(1), "K");
        groups(ctx, q.dim(1), v.dim(1), "V");
        if (ctx.hasInput(3)) {
            Shape scores = Shape.of(q.dim(0), q.dim(1), q.dim(2), k.dim(2));
            Shape m = ctx.inputType(3).shape();
            Shape b = Broadcasting.shape(scores, m);
            if (b == null || (m.hasRank() && m.rank() > 4) || !b.compatibleWith(scores)) {
                throw ctx.error("mask of shape " + m + " does not broadcast to the scores " + scores);
            }
        }
        return new TensorType[] {new TensorType(t, Shape.of(q.dim(0), q.dim(1), q.dim(2), v.dim(3)))};
    }

    private static void sameDim(OpContext ctx, String what, Dim... dims) {
        for (Dim d : dims) {
            if (d.isKnown() && dims[0].isKnown() && d.value() != dims[0].value()) {
                throw ctx.error(what + " differ: " + java.util.Arrays.toString(dims));
            }
        }
    }

    private static void groups(OpContext ctx, Dim h, Dim hkv, String which) {
        if (h.isKnown() && hkv.isKnown() && (hkv.value() == 0 || h.value() % hkv.value() != 0)) {
            throw ctx.error(which + " has " + hkv.value() + " heads, which does not divide the " + h.value() + " query heads");
        }
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        inferTypes(ctx);
        Tensor tq = inputs[0], tk = inputs[1], tv = inputs[2], tm = inputs.length > 3 ? inputs[3] : null;
        int batch = tq.dim(0), h = tq.dim(1), sq = tq.dim(2), d = tq.dim(3);
        int hk = tk.dim(1), skv = tk.dim(2), hv = tv.dim(1), dv = tv.dim(3);
        float scale = ctx.hasAttr("scale") ? ctx.attrFloat("scale", 1f) : (float) (1 / Math.sqrt(d));
        int[] scoreShape = {batch, h, sq, skv};
        int[] im = tm == null ? null : TypeChecks.readMap(tm.shape(), scoreShape);
        float[] q = tq.floats(), k = tk.floats(), v = tv.floats(), mask = tm == null ? null : tm.floats();
        float[] y = new float[batch * h * sq * dv];
        float[] s = new float[sq * skv];
        float[] p = new float[sq * skv];
        for (int b = 0; b < batch; b++) {
            for (int head = 0; head < h; head++) {
                int qOff = ((b * h + head) * sq) * d;
                int kOff = ((b * hk + head / (h / hk)) * skv) * d;
                int vOff = ((b * hv + head / (h / hv)) * skv) * dv;
                // s (sq, skv) = Q (sq, d) @ K^T: B'(p, j) = K[j][p], row stride 1, column stride d.
                MatMulKernel.multiply(sq, d, skv, q, qOff, d, 1, k, kOff, 1, d, s, 0);
                int sOff = (b * h + head) * sq * skv;
                for (int i = 0; i < sq; i++) {
                    int row = i * skv;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < skv; j++) {
                        float x = s[row + j] * scale;
                        if (mask != null) x += mask[im == null ? sOff + row + j : im[sOff + row + j]];
                        s[row + j] = x;
                        if (x > max) max = x;
                    }
                    double sum = 0;
                    for (int j = 0; j < skv; j++) sum += Math.exp(s[row + j] - max);
                    for (int j = 0; j < skv; j++) p[row + j] = (float) (Math.exp(s[row + j] - max) / sum);
                }
                MatMulKernel.multiply(sq, skv, dv, p, 0, skv, 1, v, vOff, dv, 1, y, ((b * h + head) * sq) * dv);
            }
        }
        return new Tensor[] {Tensor.ofFloats(tq.dtype(), new int[] {batch, h, sq, dv}, y)};
    }
}
