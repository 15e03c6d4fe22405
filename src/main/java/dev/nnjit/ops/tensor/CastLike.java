package dev.nnjit.ops.tensor;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/** CastLike (opset 15): Cast input 0 to the dtype of input 1 (whose values are ignored). */
final class CastLike implements OpDef {
    @Override public String opType() { return "CastLike"; }
    @Override public int minOpset() { return 15; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(2, 2);
        DType to = ctx.inputDType(1);
        if (to != null) Cast.supported(ctx, to, to.toString());
        Cast.checkSource(ctx, ctx.inputDType(0), to);
        return TypeRules.single(to, TypeRules.shape(ctx, 0));
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        return new Tensor[] {CastRules.cast(inputs[0], inputs[1].dtype())};
    }
}
