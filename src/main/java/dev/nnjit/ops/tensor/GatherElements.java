package dev.nnjit.ops.tensor;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/**
 * GatherElements: {@code out[c] = data[c with c[axis] replaced by indices[c]]}; indices has data's rank and gives
 * the output shape. Along other axes indices may be smaller than data, never larger.
 */
final class GatherElements implements OpDef {
    @Override public String opType() { return "GatherElements"; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(2, 2);
        TypeRules.requireInteger(ctx, 1, "indices");
        Shape data = TypeRules.shape(ctx, 0), idx = TypeRules.shape(ctx, 1);
        if (data.hasRank() && idx.hasRank()) {
            if (data.rank() != idx.rank()) throw ctx.error("indices " + idx + " must have the rank of data " + data);
            if (data.rank() == 0) throw ctx.error("data must have rank >= 1");
            TypeRules.axis(ctx, "axis", ctx.attrInt("axis", 0), data.rank());
        }
        return TypeRules.single(ctx.inputDType(0), idx);
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        inferTypes(ctx);
        Tensor data = inputs[0], indices = inputs[1];
        int[] dShape = data.shape(), iShape = indices.shape();
        int rank = dShape.length;
        int axis = TypeRules.axis(ctx, "axis", ctx.attrInt("axis", 0), rank);
        for (int d = 0; d < rank; d++) {
            if (d != axis && iShape[d] > dShape[d]) {
                throw ctx.error("indices shape " + TypeRules.str(iShape) + " exceeds data shape " + TypeRules.str(dShape) + " on axis " + d);
            }
        }
        long[] idx = Indices.read(ctx, indices, "indices");
        int[] strides = IndexMaps.strides(dShape);
        int[] coord = new int[rank];
        int[] map = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            int off = 0;
            for (int d = 0; d < rank; d++) {
                int c = d == axis ? Indices.normalize(ctx, idx[i], dShape[axis], "index") : coord[d];
                off += c * strides[d];
            }
            map[i] = off;
            for (int d = rank - 1; d >= 0; d--) {
                if (++coord[d] < iShape[d]) break;
                coord[d] = 0;
            }
        }
        return new Tensor[] {Elements.gather(data, iShape, map, null)};
    }
}
