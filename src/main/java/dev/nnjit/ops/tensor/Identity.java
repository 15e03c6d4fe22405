package dev.nnjit.ops.tensor;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/** Identity: the input itself (tensors are immutable, so no copy). Sequence and optional types are not supported. */
final class Identity implements OpDef {
    @Override public String opType() { return "Identity"; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(1, 1);
        return new TensorType[] {ctx.inputType(0)};
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        return new Tensor[] {inputs[0]};
    }
}
