package dev.nnjit.ops.tensor;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.tensor.Dim;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/**
 * Gather: picks slices of data along {@code axis} (default 0, negative allowed); output shape is
 * data[:axis] + indices + data[axis+1:]. Indices may be negative (opset 11+ semantics, accepted for all).
 */
final class Gather implements OpDef {
    @Override public String opType() { return "Gather"; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(2, 2);
        TypeRules.requireInteger(ctx, 1, "indices");
        Shape data = TypeRules.shape(ctx, 0), idx = TypeRules.shape(ctx, 1);
        if (!data.hasRank() || !idx.hasRank()) return TypeRules.single(ctx.inputDType(0), Shape.unknownRank());
        if (data.rank() == 0) throw ctx.error("data must have rank >= 1");
        int axis = TypeRules.axis(ctx, "axis", ctx.attrInt("axis", 0), data.rank());
        Dim[] out = new Dim[data.rank() - 1 + idx.rank()];
        int k = 0;
        for (int i = 0; i < axis; i++) out[k++] = data.dim(i);
        for (int i = 0; i < idx.rank(); i++) out[k++] = idx.dim(i);
        for (int i = axis + 1; i < data.rank(); i++) out[k++] = data.dim(i);
        return TypeRules.single(ctx.inputDType(0), Shape.of(out));
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        Tensor data = inputs[0], indices = inputs[1];
        int[] shape = data.shape();
        if (shape.length == 0) throw ctx.error("data must have rank >= 1");
        int axis = TypeRules.axis(ctx, "axis", ctx.attrInt("axis", 0), shape.length);
        long[] idx = Indices.read(ctx, indices, "indices");
        int[] outShape = inferTypes(ctx)[0].shape().toIntArray();
        int outer = IndexMaps.product(shape, 0, axis);
        int inner = IndexMaps.product(shape, axis + 1, shape.length);
        int dim = shape[axis];
        int[] rows = new int[idx.length];
        for (int j = 0; j < idx.length; j++) rows[j] = Indices.normalize(ctx, idx[j], dim, "index");
        Object src = data.data();
        Object out = Elements.allocate(data.dtype(), IndexMaps.size(outShape));
        int pos = 0;
        for (int o = 0; o < outer; o++) {
            for (int row : rows) {
                Elements.copy(src, (o * dim + row) * inner, out, pos, inner);
                pos += inner;
            }
        }
        return new Tensor[] {Tensor.of(data.dtype(), outShape, out)};
    }
}
