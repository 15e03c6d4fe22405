package dev.nnjit.ops.tensor;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/**
 * Shape: the input's dims as a 1-D int64 tensor; from opset 15 only dims [start, end), where negative values count
 * from the end and both are clamped to [0, rank].
 */
final class ShapeOp implements OpDef {
    @Override public String opType() { return "Shape"; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(1, 1);
        Shape in = TypeRules.shape(ctx, 0);
        if (!in.hasRank()) return TypeRules.single(DType.INT64, Shape.unknownDims(1));
        int[] r = range(ctx, in.rank());
        return TypeRules.single(DType.INT64, Shape.of(new int[] {r[1] - r[0]}));
    }

    @Override public Tensor[] computeFromTypes(OpContext ctx) {
        Tensor t = fromType(ctx);
        return t == null ? null : new Tensor[] {t};
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        int[] shape = inputs[0].shape();
        int[] r = range(ctx, shape.length);
        long[] v = new long[r[1] - r[0]];
        for (int i = 0; i < v.length; i++) v[i] = shape[r[0] + i];
        return new Tensor[] {Tensor.vector(v)};
    }

    /**
     * The Shape output when it follows from the input's static type alone (every selected dim known), else null:
     * lets the compiler fold Shape of a runtime tensor whose shape was specialized.
     */
    static Tensor fromType(OpContext ctx) {
        Shape in = TypeRules.shape(ctx, 0);
        if (!in.hasRank()) return null;
        int[] r = range(ctx, in.rank());
        long[] v = new long[r[1] - r[0]];
        for (int i = 0; i < v.length; i++) {
            if (!in.dim(r[0] + i).isKnown()) return null;
            v[i] = in.dim(r[0] + i).value();
        }
        return Tensor.vector(v);
    }

    /** {start, end} of the selected dims (opset 15 attributes; the whole shape before). */
    private static int[] range(OpContext ctx, int rank) {
        if (ctx.opset() < 15) return new int[] {0, rank};
        long start = ctx.attrInt("start", 0), end = ctx.attrInt("end", rank);
        if (start < 0) start += rank;
        if (end < 0) end += rank;
        start = Math.max(0, Math.min(start, rank));
        end = Math.max(0, Math.min(end, rank));
        return new int[] {(int) start, (int) Math.max(start, end)};
    }
}
