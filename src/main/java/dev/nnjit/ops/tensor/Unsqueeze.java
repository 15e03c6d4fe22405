package dev.nnjit.ops.tensor;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.tensor.Dim;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/**
 * Unsqueeze: inserts size-1 dims at {@code axes} (attribute up to opset 12, input 1 from 13), which index the
 * output and may be negative (opset 11+) and unsorted. Shares the input's elements.
 */
final class Unsqueeze implements OpDef {
    @Override public String opType() { return "Unsqueeze"; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        Shape in = TypeRules.shape(ctx, 0);
        IntsArg axes = IntsArg.of(ctx, "axes", 1, 13);
        if (!axes.present) throw ctx.error("axes are required");
        if (!in.hasRank()) return TypeRules.single(ctx.inputDType(0), Shape.unknownRank());
        if (!axes.isKnown()) {
            return TypeRules.single(ctx.inputDType(0), IntsArg.unknownShape(axes.length < 0 ? -1 : in.rank() + axes.length));
        }
        return TypeRules.single(ctx.inputDType(0), Shape.of(outDims(ctx, in.dims(), axes.values)));
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        Tensor x = inputs[0];
        long[] axes = ctx.opset() < 13 ? ctx.attrInts("axes", null) : (inputs.length > 1 && inputs[1] != null ? inputs[1].toLongArray() : null);
        if (axes == null) throw ctx.error("axes are required");
        Dim[] out = outDims(ctx, Shape.of(x.shape()).dims(), axes);
        int[] dims = new int[out.length];
        for (int i = 0; i < dims.length; i++) dims[i] = (int) out[i].value();
        return new Tensor[] {x.reshape(dims)};
    }

    private static Dim[] outDims(OpContext ctx, Dim[] in, long[] axes) {
        int rank = in.length + axes.length;
        int[] ax = TypeRules.axes(ctx, axes, rank);
        boolean[] inserted = new boolean[rank];
        for (int a : ax) inserted[a] = true;
        Dim[] out = new Dim[rank];
        int j = 0;
        for (int i = 0; i < rank; i++) out[i] = inserted[i] ? Dim.of(1) : in[j++];
        return out;
    }
}
