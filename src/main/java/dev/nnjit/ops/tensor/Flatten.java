package dev.nnjit.ops.tensor;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.tensor.Dim;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/**
 * Flatten: a 2-D view [prod(dims[:axis]), prod(dims[axis:])]; axis (default 1) is in [0, rank], or [-rank, rank]
 * from opset 11. Shares the input's elements.
 */
final class Flatten implements OpDef {
    @Override public String opType() { return "Flatten"; }

    private static int axis(OpContext ctx, int rank) {
        long a = ctx.attrInt("axis", 1);
        long n = a < 0 && ctx.opset() >= 11 ? a + rank : a;
        if (n < 0 || n > rank) throw ctx.error("axis " + a + " is out of range for rank " + rank);
        return (int) n;
    }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(1, 1);
        Shape in = TypeRules.shape(ctx, 0);
        if (!in.hasRank()) return TypeRules.single(ctx.inputDType(0), Shape.unknownDims(2));
        int axis = axis(ctx, in.rank());
        Dim[] d = in.dims();
        return TypeRules.single(ctx.inputDType(0), Shape.of(Dims.product(d, 0, axis), Dims.product(d, axis, d.length)));
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        Tensor x = inputs[0];
        int[] s = x.shape();
        int axis = axis(ctx, s.length);
        return new Tensor[] {x.reshape(new int[] {IndexMaps.product(s, 0, axis), IndexMaps.product(s, axis, s.length)})};
    }
}
