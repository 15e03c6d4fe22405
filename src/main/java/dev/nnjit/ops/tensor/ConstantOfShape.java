package dev.nnjit.ops.tensor;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/**
 * ConstantOfShape (opset 9): a tensor of the shape given by the 1-D int64 input, every element the one-element
 * {@code value} attribute (default float32 0), whose dtype it takes. An empty shape gives a scalar.
 */
final class ConstantOfShape implements OpDef {
    @Override public String opType() { return "ConstantOfShape"; }
    @Override public int minOpset() { return 9; }

    private static Tensor value(OpContext ctx) {
        Tensor v = ctx.attrTensor("value");
        if (v == null) return Tensor.scalar(0f);
        if (v.size() != 1) throw ctx.error("value must hold exactly one element, has shape " + v.describe());
        return v;
    }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(1, 1);
        TypeRules.requireInteger(ctx, 0, "shape");
        DType dt = value(ctx).dtype();
        IntsArg shape = IntsArg.fromInput(ctx, 0);
        if (!shape.isKnown()) return TypeRules.single(dt, IntsArg.unknownShape(shape.length));
        TypeRules.intDims(ctx, shape.values, "shape");
        return TypeRules.single(dt, IntsArg.shapeOf(shape.values));
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        int[] shape = TypeRules.intDims(ctx, inputs[0].toLongArray(), "shape");
        return new Tensor[] {Elements.filled(value(ctx), shape)};
    }

}
