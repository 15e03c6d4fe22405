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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * MatMul with numpy semantics: a 1-D A is a row vector [1,K] and a 1-D B a column vector [K,1], the added dim being
 * removed from the result; leading (batch) dims broadcast. Floats use {@link MatMulKernel} (see its numerical
 * contract); integers use a plain loop in long, wrapped to the dtype.
 */
public final class MatMulOp implements OpDef {
    @Override public String opType() { return "MatMul"; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(2, 2);
        DType t = TypeChecks.same(ctx, Kinds.NUMERIC, 0, 1);
        return new TensorType[] {new TensorType(t, inferShapeOnly(ctx).shape())};
    }

    /** The numpy-matmul shape rule on inputs 0 and 1 (also MatMulInteger's); dtype left unknown. */
    TensorType inferShapeOnly(OpContext ctx) {
        DType t = null;
        Shape a = ctx.inputType(0).shape(), b = ctx.inputType(1).shape();
        if (!a.hasRank() || !b.hasRank()) return new TensorType(t, Shape.unknownRank());
        if (a.rank() == 0 || b.rank() == 0) throw ctx.error("inputs must have rank >= 1, got " + a + " and " + b);
        Dim[] da = a.dims(), db = b.dims();
        Dim ka = da[da.length - 1];
        Dim kb = db.length == 1 ? db[0] : db[db.length - 2];
        if (ka.isKnown() && kb.isKnown() && ka.value() != kb.value()) {
            throw ctx.error("inner dimensions differ: A " + a + " and B " + b);
        }
        Shape batchA = Shape.of(da.length <= 2 ? new Dim[0] : Arrays.copyOf(da, da.length - 2));
        Shape batchB = Shape.of(db.length <= 2 ? new Dim[0] : Arrays.copyOf(db, db.length - 2));
        Shape batch = Broadcasting.shape(batchA, batchB);
        if (batch == null) throw ctx.error("batch dimensions cannot be broadcast: A " + a + " and B " + b);
        List<Dim> out = new ArrayList<>(Arrays.asList(batch.dims()));
        if (da.length >= 2) out.add(da[da.length - 2]);
        if (db.length >= 2) out.add(db[db.length - 1]);
        return new TensorType(t, Shape.of(out.toArray(new Dim[0])));
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        inferTypes(ctx);
        Tensor ta = inputs[0], tb = inputs[1];
        int[] sa = ta.shape(), sb = tb.shape();
        // Promote vectors to matrices.
        int[] a2 = sa.length == 1 ? new int[] {1, sa[0]} : sa;
        int[] b2 = sb.length == 1 ? new int[] {sb[0], 1} : sb;
        int m = a2[a2.length - 2], k = a2[a2.length - 1], n = b2[b2.length - 1];
        if (b2[b2.length - 2] != k) throw ctx.error("inner dimensions differ: A " + ta.describe() + " and B " + tb.describe());
        int[] batchA = Arrays.copyOf(a2, a2.length - 2), batchB = Arrays.copyOf(b2, b2.length - 2);
        int[] batch = TypeChecks.broadcast(ctx, batchA, batchB);
        int batchCount = Tensor.checkedSize(batch, "batch");

        int[] outShape = new int[batch.length + (sa.length >= 2 ? 1 : 0) + (sb.length >= 2 ? 1 : 0)];
        System.arraycopy(batch, 0, outShape, 0, batch.length);
        int d = batch.length;
        if (sa.length >= 2) outShape[d++] = m;
        if (sb.length >= 2) outShape[d] = n;
        Tensor.checkedSize(outShape, "output");

        int bBatchSize = Tensor.checkedSize(batchB, "batch");
        if (ta.dtype().isFloating()) {
            float[] a = ta.floats(), b = tb.floats();
            float[] c = new float[batchCount * m * n];
            if (bBatchSize == 1 && Arrays.equals(batch, batchA)) {
                // B is shared by every batch: A's rows are contiguous, so the batch folds into M (one big product).
                MatMulKernel.multiply(batchCount * m, k, n, a, 0, k, 1, b, 0, n, 1, c, 0);
            } else {
                int[] ia = Broadcasting.indexMap(batchA, batch), ib = Broadcasting.indexMap(batchB, batch);
                for (int z = 0; z < batchCount; z++) {
                    MatMulKernel.multiply(m, k, n, a, ia[z] * m * k, k, 1, b, ib[z] * k * n, n, 1, c, z * m * n);
                }
            }
            return new Tensor[] {Tensor.ofFloats(ta.dtype(), outShape, c)};
        }
        long[] a = ta.longs(), b = tb.longs();
        long[] c = new long[batchCount * m * n];
        int[] ia = Broadcasting.indexMap(batchA, batch), ib = Broadcasting.indexMap(batchB, batch);
        DType t = ta.dtype();
        for (int z = 0; z < batchCount; z++) {
            int ao = ia[z] * m * k, bo = ib[z] * k * n, co = z * m * n;
            for (int i = 0; i < m; i++) {
                for (int p = 0; p < k; p++) {
                    long x = a[ao + i * k + p];
                    for (int j = 0; j < n; j++) c[co + i * n + j] += x * b[bo + p * n + j];
                }
                for (int j = 0; j < n; j++) c[co + i * n + j] = t.wrap(c[co + i * n + j]);
            }
        }
        return new Tensor[] {Tensor.ofLongs(t, outShape, c)};
    }
}
