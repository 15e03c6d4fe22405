package dev.nnjit.ops.tensor;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/** Size: the input's element count as an int64 scalar. */
final class Size implements OpDef {
    @Override public String opType() { return "Size"; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(1, 1);
        return TypeRules.single(DType.INT64, Shape.of(new int[0]));
    }

    @Override public Tensor[] computeFromTypes(OpContext ctx) {
        Tensor t = fromType(ctx);
        return t == null ? null : new Tensor[] {t};
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        return new Tensor[] {Tensor.scalarLong(inputs[0].size())};
    }

    /** The Size output when the input's type is static, else null (see {@link ShapeOp#fromType}). */
    static Tensor fromType(OpContext ctx) {
        Shape in = TypeRules.shape(ctx, 0);
        return in.isStatic() ? Tensor.scalarLong(in.elementCount()) : null;
    }
}
