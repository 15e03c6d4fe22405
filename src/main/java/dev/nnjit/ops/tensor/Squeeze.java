package dev.nnjit.ops.tensor;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.tensor.Dim;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.util.ArrayList;
import java.util.List;

/**
 * Squeeze: removes the size-1 dims listed in {@code axes} (attribute up to opset 12, optional input 1 from 13), or
 * every size-1 dim when axes are absent. Squeezing a dim that is not 1 is an error. Shares the input's elements.
 */
final class Squeeze implements OpDef {
    @Override public String opType() { return "Squeeze"; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        Shape in = TypeRules.shape(ctx, 0);
        IntsArg axes = IntsArg.of(ctx, "axes", 1, 13);
        if (!in.hasRank()) return TypeRules.single(ctx.inputDType(0), Shape.unknownRank());
        if (axes.present && !axes.isKnown()) {
            return TypeRules.single(ctx.inputDType(0), IntsArg.unknownShape(axes.length < 0 ? -1 : in.rank() - axes.length));
        }
        if (!axes.present) {
            // Without axes the output rank depends on which dims are 1: unknowable while any dim is not a number.
            if (!in.isStatic()) return TypeRules.single(ctx.inputDType(0), Shape.unknownRank());
        }
        return TypeRules.single(ctx.inputDType(0), Shape.of(outDims(ctx, in.dims(), axes.values)));
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        Tensor x = inputs[0];
        long[] axes = ctx.opset() < 13 ? ctx.attrInts("axes", null) : (inputs.length > 1 && inputs[1] != null ? inputs[1].toLongArray() : null);
        Dim[] out = outDims(ctx, Shape.of(x.shape()).dims(), axes);
        int[] dims = new int[out.length];
        for (int i = 0; i < dims.length; i++) dims[i] = (int) out[i].value();
        return new Tensor[] {x.reshape(dims)};
    }

    /** Dims without the squeezed ones; {@code axes == null} squeezes every known 1. Symbolic dims may be squeezed. */
    private static Dim[] outDims(OpContext ctx, Dim[] in, long[] axes) {
        boolean[] drop = new boolean[in.length];
        if (axes == null) {
            for (int i = 0; i < in.length; i++) drop[i] = Dims.is(in[i], 1);
        } else {
            for (int a : TypeRules.axes(ctx, axes, in.length)) {
                if (in[a].isKnown() && in[a].value() != 1) {
                    throw ctx.error("cannot squeeze axis " + a + " of shape " + Shape.of(in) + ": its size is not 1");
                }
                drop[a] = true;
            }
        }
        List<Dim> out = new ArrayList<>();
        for (int i = 0; i < in.length; i++) if (!drop[i]) out.add(in[i]);
        return out.toArray(new Dim[0]);
    }
}
