package dev.nnjit.ops.math;

import dev.nnjit.ops.Broadcasting;
import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.ops.math.TypeChecks.Kinds;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.util.Arrays;

/**
 * MatMulInteger: (A - a_zero_point) @ (B - b_zero_point) with numpy MatMul shapes, 8-bit inputs, int32 output.
 * a_zero_point is a scalar or per row of A (shape [M], or A's shape with K replaced by 1); b_zero_point a scalar
 * or per column of B ([N], or B's shape with K replaced by 1). Products and sums are int32 and wrap on overflow, as
 * in ONNX Runtime (no overflow is possible below K = 33025 for 8-bit operands).
 */
public final class MatMulIntegerOp implements OpDef {
    @Override public String opType() { return "MatMulInteger"; }
    @Override public int minOpset() { return 10; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(2, 4);
        for (int i = 0; i < 4; i++) if (ctx.hasInput(i)) requireByte(ctx, i);
        if (ctx.hasInput(2)) TypeChecks.same(ctx, Kinds.INT, 0, 2);
        if (ctx.hasInput(3)) TypeChecks.same(ctx, Kinds.INT, 1, 3);
        Shape shape = new MatMulOp().inferShapeOnly(ctx).shape(); // the shape rule is MatMul's
        return new TensorType[] {new TensorType(DType.INT32, shape)};
    }

    private static void requireByte(OpContext ctx, int i) {
        DType t = ctx.inputDType(i);
        if (t != null && t != DType.INT8 && t != DType.UINT8) throw ctx.error("input " + i + " must be int8 or uint8, got " + t);
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        inferTypes(ctx);
        Tensor ta = inputs[0], tb = inputs[1];
        Tensor za = inputs.length > 2 ? inputs[2] : null, zb = inputs.length > 3 ? inputs[3] : null;
        int[] sa = ta.shape(), sb = tb.shape();
        int[] a2 = sa.length == 1 ? new int[] {1, sa[0]} : sa;
        int[] b2 = sb.length == 1 ? new int[] {sb[0], 1} : sb;
        int m = a2[a2.length - 2], k = a2[a2.length - 1], n = b2[b2.length - 1];
        if (b2[b2.length - 2] != k) throw ctx.error("inner dimensions differ: A " + ta.describe() + " and B " + tb.describe());
        int[] a = shifted(ctx, ta, a2, za, true, m), b = shifted(ctx, tb, b2, zb, false, n);
        int[] batchA = Arrays.copyOf(a2, a2.length - 2), batchB = Arrays.copyOf(b2, b2.length - 2);
        int[] batch = TypeChecks.broadcast(ctx, batchA, batchB);
        int batches = Tensor.checkedSize(batch, "batch");
        int[] ia = Broadcasting.indexMap(batchA, batch), ib = Broadcasting.indexMap(batchB, batch);
        int[] outShape = new int[batch.length + (sa.length >= 2 ? 1 : 0) + (sb.length >= 2 ? 1 : 0)];
        System.arraycopy(batch, 0, outShape, 0, batch.length);
        int d = batch.length;
        if (sa.length >= 2) outShape[d++] = m;
        if (sb.length >= 2) outShape[d] = n;
        long[] out = new long[Tensor.checkedSize(outShape, "output")];
        int[] row = new int[n];
        for (int z = 0; z < batches; z++) {
            int ao = ia[z] * m * k, bo = ib[z] * k * n;
            for (int i = 0; i < m; i++) {
                Arrays.fill(row, 0);
                for (int p = 0; p < k; p++) {
                    int x = a[ao + i * k + p];
                    int q = bo + p * n;
                    for (int j = 0; j < n; j++) row[j] += x * b[q + j];
                }
                for (int j = 0; j < n; j++) out[(z * m + i) * n + j] = row[j];
            }
        }
        return new Tensor[] {Tensor.ofLongs(DType.INT32, outShape, out)};
    }

    /** The operand minus its zero point, as ints; per-row (A) or per-column (B) zero points broadcast accordingly. */
    private static int[] shifted(OpContext ctx, Tensor t, int[] shape, Tensor zp, boolean isA, int perSize) {
        long[] v = t.longs();
        int[] r = new int[v.length];
        if (zp == null) {
            for (int i = 0; i < v.length; i++) r[i] = (int) v[i];
            return r;
        }
        int[] zs = zp.shape();
        if (zp.size() != 1 && zs.length == 1) zs = isA ? new int[] {zs[0], 1} : new int[] {1, zs[0]};
        int[] target;
        try {
            target = Broadcasting.shape(shape, zs);
        } catch (IllegalArgumentException e) {
            target = null;
        }
        if (target == null || !Arrays.equals(target, shape)) {
            throw ctx.error((isA ? "a" : "b") + "_zero_point " + zp.describe() + " does not match "
                    + (isA ? "A" : "B") + " " + Arrays.toString(shape) + " (expected a scalar or " + perSize + " values)");
        }
        int[] map = TypeChecks.readMap(zs, shape);
        long[] z = zp.longs();
        for (int i = 0; i < v.length; i++) r[i] = (int) (v[i] - z[map == null ? i : map[i]]);
        return r;
    }
}
