package dev.nnjit.ops.fused;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.ops.math.TypeChecks;
import dev.nnjit.ops.math.TypeChecks.Kinds;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/**
 * nnjit.SiLU(X) = X * Sigmoid(X) (a.k.a. Swish), elementwise on floats; what exports spell {@code Mul(x, Sigmoid(x))}.
 * Bit-identical to that pair (see {@link Activation#SILU}).
 */
final class SiluOp implements OpDef {
    @Override public String opType() { return "SiLU"; }
    @Override public String domain() { return FusedOps.DOMAIN; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(1, 1);
        DType t = TypeChecks.require(ctx, 0, Kinds.FLOAT);
        return new TensorType[] {new TensorType(t, ctx.inputType(0).shape())};
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        inferTypes(ctx);
        float[] x = inputs[0].floats();
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) y[i] = Activation.SILU.apply(x[i]);
        return new Tensor[] {Tensor.ofFloats(inputs[0].dtype(), inputs[0].shape(), y)};
    }
}
