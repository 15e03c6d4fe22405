package dev.nnjit.ops.math;

import dev.nnjit.ops.Broadcasting;
import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.ops.math.TypeChecks.Kinds;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Dim;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/**
 * Gemm: Y (M,N) = alpha * A' @ B' + beta * C, with A' = transA ? A^T : A (M,K), B' = transB ? B^T : B (K,N), and
 * the optional C (required before opset 11) broadcast one way to (M,N). The product runs on {@link MatMulKernel}
 * (transposes are just strides), then Y = alpha * P + beta * C in float per element.
 */
public final class GemmOp implements OpDef {
    @Override public String opType() { return "Gemm"; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(ctx.opset() < 11 ? 3 : 2, 3);
        DType t = ctx.hasInput(2) ? TypeChecks.same(ctx, Kinds.FLOAT, 0, 1, 2) : TypeChecks.same(ctx, Kinds.FLOAT, 0, 1);
        Shape a = ctx.inputType(0).shape(), b = ctx.inputType(1).shape();
        boolean transA = ctx.attrInt("transA", 0) != 0, transB = ctx.attrInt("transB", 0) != 0;
        if (a.hasRank() && a.rank() != 2) throw ctx.error("A must be 2-D, has shape " + a);
        if (b.hasRank() && b.rank() != 2) throw ctx.error("B must be 2-D, has shape " + b);
        Dim m = a.hasRank() ? a.dim(transA ? 1 : 0) : Dim.unknown();
        Dim ka = a.hasRank() ? a.dim(transA ? 0 : 1) : Dim.unknown();
        Dim kb = b.hasRank() ? b.dim(transB ? 1 : 0) : Dim.unknown();
        Dim n = b.hasRank() ? b.dim(transB ? 0 : 1) : Dim.unknown();
        if (ka.isKnown() && kb.isKnown() && ka.value() != kb.value()) {
            throw ctx.error("inner dimensions differ: A " + a + (transA ? " (transposed)" : "") + " and B " + b
                    + (transB ? " (transposed)" : ""));
        }
        Shape y = Shape.of(m, n);
        if (ctx.hasInput(2)) {
            Shape c = ctx.inputType(2).shape();
            Shape bc = Broadcasting.shape(y, c);
            if (bc == null || (c.hasRank() && c.rank() > 2) || (bc.hasRank() && !bc.compatibleWith(y))) {
                throw ctx.error("C of shape " + c + " does not broadcast to (M,N) = " + y);
            }
        }
        return new TensorType[] {new TensorType(t, y)};
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        inferTypes(ctx);
        Tensor ta = inputs[0], tb = inputs[1];
        Tensor tc = inputs.length > 2 ? inputs[2] : null;
        boolean transA = ctx.attrInt("transA", 0) != 0, transB = ctx.attrInt("transB", 0) != 0;
        float alpha = ctx.attrFloat("alpha", 1f), beta = ctx.attrFloat("beta", 1f);
        int m = ta.dim(transA ? 1 : 0), k = ta.dim(transA ? 0 : 1);
        int n = tb.dim(transB ? 0 : 1);
        if (tb.dim(transB ? 1 : 0) != k) {
            throw ctx.error("inner dimensions differ: A " + ta.describe() + " and B " + tb.describe());
        }
        float[] y = new float[Tensor.checkedSize(new int[] {m, n}, "output")];
        // A' (i,p): A[i][p] (stride k, 1) or A[p][i] (stride 1, m). B' (p,j): B[p][j] (n, 1) or B[j][p] (1, k).
        MatMulKernel.multiply(m, k, n, ta.floats(), 0, transA ? 1 : k, transA ? m : 1,
                tb.floats(), 0, transB ? 1 : n, transB ? k : 1, y, 0);
        if (alpha != 1f) for (int i = 0; i < y.length; i++) y[i] *= alpha;
        if (tc != null && beta != 0f) {
            int[] shape = {m, n};
            int[] cs = tc.shape();
            int[] bc;
            try {
                bc = Broadcasting.shape(shape, cs);
            } catch (IllegalArgumentException e) {
                bc = null;
            }
            if (bc == null || !java.util.Arrays.equals(bc, shape)) {
                throw ctx.error("C " + tc.describe() + " does not broadcast to (M,N) = [" + m + ", " + n + "]");
            }
            int[] ic = TypeChecks.readMap(cs, shape);
            float[] c = tc.floats();
            for (int i = 0; i < y.length; i++) y[i] += beta * c[ic == null ? i : ic[i]];
        }
        return new Tensor[] {Tensor.ofFloats(ta.dtype(), new int[] {m, n}, y)};
    }
}
