package dev.nnjit.ops.tensor;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/**
 * ScatterElements (and its deprecated opset 9-10 name Scatter): a copy of data where
 * {@code out[c with c[axis] = indices[c]] = updates[c]} for every coordinate c of indices (same shape as updates),
 * or combined per {@code reduction}. Applied in row-major order of c, so the last duplicate wins.
 */
final class ScatterElements implements OpDef {
    private final String name;

    ScatterElements(String name) { this.name = name; }

    @Override public String opType() { return name; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(3, 3);
        TypeRules.requireInteger(ctx, 1, "indices");
        DType dt = ctx.inputDType(0), ut = ctx.inputDType(2);
        if (dt != null && ut != null && dt != ut) throw ctx.error("updates dtype " + ut + " differs from data dtype " + dt);
        Shape data = TypeRules.shape(ctx, 0), idx = TypeRules.shape(ctx, 1), upd = TypeRules.shape(ctx, 2);
        if (idx.hasRank() && upd.hasRank() && !idx.compatibleWith(upd)) {
            throw ctx.error("indices " + idx + " and updates " + upd + " must have the same shape");
        }
        if (data.hasRank() && idx.hasRank()) {
            if (data.rank() != idx.rank()) throw ctx.error("indices " + idx + " must have the rank of data " + data);
            if (data.rank() == 0) throw ctx.error("data must have rank >= 1");
            TypeRules.axis(ctx, "axis", ctx.attrInt("axis", 0), data.rank());
        }
        ScatterReduction.of(ctx);
        return TypeRules.single(dt, data);
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        inferTypes(ctx);
        Tensor data = inputs[0], indices = inputs[1], updates = inputs[2];
        ScatterReduction red = ScatterReduction.of(ctx);
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
        DType dt = data.dtype();
        Object out = Elements.allocate(dt, data.size());
        Elements.copy(data.data(), 0, out, 0, data.size());
        Object src = updates.data();
        int[] coord = new int[rank];
        for (int i = 0; i < idx.length; i++) {
            int off = 0;
            for (int d = 0; d < rank; d++) {
                int c = d == axis ? Indices.normalize(ctx, idx[i], dShape[axis], "index") : coord[d];
                off += c * strides[d];
            }
            red.apply(dt, out, off, src, i);
            for (int d = rank - 1; d >= 0; d--) {
                if (++coord[d] < iShape[d]) break;
                coord[d] = 0;
            }
        }
        return new Tensor[] {Tensor.of(dt, dShape, out)};
    }
}
