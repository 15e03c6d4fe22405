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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * nnjit.FusedMatMul(A, B, bias?), attributes transB (0/1, default 0) and activation (see {@link Activation}):
 * a linear layer with its epilogue.
 * <pre>
 * Y [..., M, N] = activation(A [..., M, K] @ B' + bias [N]),   B' = transB ? swap last two dims of B : B  ([..., K, N])
 * </pre>
 * A and B have rank >= 2 and their batch dims broadcast as in MatMul; bias, when given, is a vector of N.
 *
 * <p>Numerics: the product is MatMul's ({@link MatMulKernel}, float sums in increasing k), then one float addition of
 * the bias, then the activation; so the result is bit-identical to the MatMul / Add / activation chain it replaces.
 */
final class FusedMatMulOp implements OpDef {
    @Override public String opType() { return "FusedMatMul"; }
    @Override public String domain() { return FusedOps.DOMAIN; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(2, 3);
        DType t = ctx.hasInput(2) ? TypeChecks.same(ctx, Kinds.FLOAT, 0, 1, 2) : TypeChecks.same(ctx, Kinds.FLOAT, 0, 1);
        Activation.of(ctx);
        boolean transB = transB(ctx);
        Shape a = ctx.inputType(0).shape(), b = ctx.inputType(1).shape();
        if (!a.hasRank() || !b.hasRank()) return new TensorType[] {new TensorType(t, Shape.unknownRank())};
        if (a.rank() < 2 || b.rank() < 2) throw ctx.error("A and B must have rank >= 2, got " + a + " and " + b);
        Dim[] da = a.dims(), db = b.dims();
        Dim ka = da[da.length - 1];
        Dim kb = db[db.length - (transB ? 1 : 2)];
        Dim n = db[db.length - (transB ? 2 : 1)];
        if (ka.isKnown() && kb.isKnown() && ka.value() != kb.value()) {
            throw ctx.error("inner dimensions differ: A " + a + " and B " + b + (transB ? " (transposed)" : ""));
        }
        Shape batch = Broadcasting.shape(Shape.of(Arrays.copyOf(da, da.length - 2)), Shape.of(Arrays.copyOf(db, db.length - 2)));
        if (batch == null) throw ctx.error("batch dimensions cannot be broadcast: A " + a + " and B " + b);
        if (ctx.hasInput(2)) {
            Shape bias = ctx.inputType(2).shape();
            if (bias.hasRank() && (bias.rank() != 1 || !Shape.of(n).compatibleWith(bias))) {
                throw ctx.error("bias must be a vector of N = " + n + ", has shape " + bias);
            }
        }
        List<Dim> out = new ArrayList<>(Arrays.asList(batch.dims()));
        out.add(da[da.length - 2]);
        out.add(n);
        return new TensorType[] {new TensorType(t, Shape.of(out.toArray(new Dim[0])))};
    }

    private static boolean transB(OpContext ctx) {
        long v = ctx.attrInt("transB", 0);
        if (v != 0 && v != 1) throw ctx.error("attribute 'transB' must be 0 or 1, got " + v);
        return v == 1;
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        inferTypes(ctx);
        Tensor ta = inputs[0], tb = inputs[1], tbias = inputs.length > 2 ? inputs[2] : null;
        boolean transB = transB(ctx);
        Activation act = Activation.of(ctx);
        int[] sa = ta.shape(), sb = tb.shape();
        int m = sa[sa.length - 2], k = sa[sa.length - 1];
        int n = sb[sb.length - (transB ? 2 : 1)];
        int[] batchA = Arrays.copyOf(sa, sa.length - 2), batchB = Arrays.copyOf(sb, sb.length - 2);
        int[] batch = TypeChecks.broadcast(ctx, batchA, batchB);
        int batchCount = Tensor.checkedSize(batch, "batch");
        int[] outShape = Arrays.copyOf(batch, batch.length + 2);
        outShape[batch.length] = m;
        outShape[batch.length + 1] = n;
        float[] a = ta.floats(), b = tb.floats();
        float[] c = new float[Tensor.checkedSize(outShape, "output")];
        // B' (p, j) = B[p][j] (row stride n, col stride 1), or B[j][p] when transposed (row stride 1, col stride k).
        int bRow = transB ? 1 : n, bCol = transB ? k : 1;
        if (Tensor.checkedSize(batchB, "batch") == 1 && Arrays.equals(batch, batchA)) {
            MatMulKernel.multiply(batchCount * m, k, n, a, 0, k, 1, b, 0, bRow, bCol, c, 0);
        } else {
            int[] ia = Broadcasting.indexMap(batchA, batch), ib = Broadcasting.indexMap(batchB, batch);
            for (int z = 0; z < batchCount; z++) {
                MatMulKernel.multiply(m, k, n, a, ia[z] * m * k, k, 1, b, ib[z] * k * n, bRow, bCol, c, z * m * n);
            }
        }
        float[] bias = tbias == null ? null : tbias.floats();
        if (bias != null && bias.length != n) throw ctx.error("bias " + tbias.describe() + " is not a vector of N = " + n);
        if (bias != null || act != Activation.NONE) {
            for (int i = 0; i < c.length; i += n) {
                for (int j = 0; j < n; j++) {
                    float v = bias == null ? c[i + j] : c[i + j] + bias[j];
                    c[i + j] = act.apply(v);
                }
            }
        }
        return new Tensor[] {Tensor.ofFloats(ta.dtype(), outShape, c)};
    }
}
