package dev.nnjit.ops.tensor;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Dim;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/**
 * Concat along {@code axis} (required from opset 4, default 1 before; negative from opset 11). Inputs share rank,
 * dtype and every dim except the axis.
 */
final class Concat implements OpDef {
    @Override public String opType() { return "Concat"; }

    private static long rawAxis(OpContext ctx) {
        return ctx.opset() < 4 ? ctx.attrInt("axis", 1) : ctx.attrIntRequired("axis");
    }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        if (ctx.inputCount() < 1) throw ctx.error("expects at least one input");
        DType dt = TypeRules.sameDTypes(ctx, 0, ctx.inputCount());
        int rank = -1;
        for (int i = 0; i < ctx.inputCount(); i++) {
            Shape s = TypeRules.shape(ctx, i);
            if (!s.hasRank()) continue;
            if (rank >= 0 && s.rank() != rank) throw ctx.error("input " + i + " has rank " + s.rank() + ", input ranks differ (" + rank + ")");
            rank = s.rank();
        }
        if (rank < 0) return TypeRules.single(dt, Shape.unknownRank());
        if (rank == 0) throw ctx.error("cannot concatenate scalars");
        int axis = TypeRules.axis(ctx, "axis", rawAxis(ctx), rank);
        Dim[] out = null;
        for (int i = 0; i < ctx.inputCount(); i++) {
            Shape s = TypeRules.shape(ctx, i);
            if (!s.hasRank()) {
                if (out != null) out[axis] = Dim.unknown();
                continue;
            }
            if (out == null) {
                out = s.dims();
                if (i > 0) out[axis] = Dim.unknown(); // an unranked input came before
                continue;
            }
            for (int d = 0; d < rank; d++) {
                if (d == axis) {
                    out[d] = Dims.add(out[d], s.dim(d));
                    continue;
                }
                Dim u = Dims.unify(out[d], s.dim(d));
                if (u == null) throw ctx.error("input " + i + " has shape " + s + ", incompatible with " + Shape.of(out) + " outside axis " + axis);
                out[d] = u;
            }
        }
        return TypeRules.single(dt, Shape.of(out));
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        TensorType t = inferTypes(ctx)[0];
        int[] outShape = t.shape().toIntArray();
        int axis = TypeRules.axis(ctx, "axis", rawAxis(ctx), outShape.length);
        int outer = IndexMaps.product(outShape, 0, axis);
        int inner = IndexMaps.product(outShape, axis + 1, outShape.length);
        int outRow = outShape[axis] * inner;
        Object out = Elements.allocate(t.dtype(), IndexMaps.size(outShape));
        int offset = 0;
        for (Tensor x : inputs) {
            int row = x.dim(axis) * inner;
            Object src = x.data();
            for (int o = 0; o < outer; o++) Elements.copy(src, o * row, out, o * outRow + offset, row);
            offset += row;
        }
        return new Tensor[] {Tensor.of(t.dtype(), outShape, out)};
    }
}
