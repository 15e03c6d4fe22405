package dev.nnjit.ops.math;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.ops.math.TypeChecks.Kinds;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/**
 * Clip: y = min(max(x, lo), hi). Before opset 11 the bounds are float attributes 'min'/'max'; from 11 they are
 * optional scalar inputs 1 and 2 of x's type (integers allowed from 12). A missing bound does not clip. When
 * lo &gt; hi every element becomes hi, as the spec says. NaN inputs stay NaN.
 */
public final class ClipOp implements OpDef {
    @Override public String opType() { return "Clip"; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        DType t;
        if (ctx.opset() < 11) {
            ctx.requireInputs(1, 1);
            t = TypeChecks.require(ctx, 0, Kinds.FLOAT);
        } else {
            ctx.requireInputs(1, 3);
            t = TypeChecks.require(ctx, 0, Kinds.NUMERIC);
            for (int i = 1; i < 3; i++) {
                if (!ctx.hasInput(i)) continue;
                TypeChecks.same(ctx, Kinds.NUMERIC, 0, i);
                Shape s = ctx.inputType(i).shape();
                if (s.hasRank() && s.isStatic() && s.elementCount() != 1) {
                    throw ctx.error("bound input " + i + " must be a scalar, has shape " + s);
                }
            }
        }
        return new TensorType[] {new TensorType(t, ctx.inputType(0).shape())};
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        inferTypes(ctx);
        Tensor x = inputs[0];
        Tensor lo = inputs.length > 1 ? inputs[1] : null, hi = inputs.length > 2 ? inputs[2] : null;
        if (x.dtype().isFloating()) {
            float min, max;
            if (ctx.opset() < 11) {
                min = ctx.attrFloat("min", Float.NEGATIVE_INFINITY);
                max = ctx.attrFloat("max", Float.POSITIVE_INFINITY);
            } else {
                min = lo == null ? Float.NEGATIVE_INFINITY : lo.floats()[0];
                max = hi == null ? Float.POSITIVE_INFINITY : hi.floats()[0];
            }
            float[] in = x.floats();
            float[] out = new float[in.length];
            for (int i = 0; i < in.length; i++) {
                float v = in[i] < min ? min : in[i];
                out[i] = v > max ? max : v;
            }
            return new Tensor[] {Tensor.ofFloats(x.dtype(), x.shape(), out)};
        }
        long min = lo == null ? Long.MIN_VALUE : lo.longs()[0];
        long max = hi == null ? Long.MAX_VALUE : hi.longs()[0];
        long[] in = x.longs();
        long[] out = new long[in.length];
        for (int i = 0; i < in.length; i++) out[i] = Math.min(Math.max(in[i], min), max);
        return new Tensor[] {Tensor.ofLongs(x.dtype(), x.shape(), out)};
    }
}
