package dev.nnjit.ops.tensor;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Dim;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/**
 * Range (opset 11): start, limit and delta scalars of one numeric dtype; output[i] = start + i * delta for
 * i < max(ceil((limit - start) / delta), 0). Integer counts are exact; float counts are computed in double from
 * the float inputs, and elements as (float) (start + i * delta) in double, which equals numpy's arange.
 */
final class Range implements OpDef {
    @Override public String opType() { return "Range"; }
    @Override public int minOpset() { return 11; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(3, 3);
        DType dt = TypeRules.sameDTypes(ctx, 0, 3);
        TypeRules.requireNumeric(ctx, dt, "Range inputs");
        for (int i = 0; i < 3; i++) {
            Shape s = TypeRules.shape(ctx, i);
            if (s.hasRank() && s.isStatic() && s.elementCount() != 1) throw ctx.error("input " + i + " must be a scalar, has shape " + s);
        }
        Tensor start = ctx.constantInput(0), limit = ctx.constantInput(1), delta = ctx.constantInput(2);
        if (start == null || limit == null || delta == null) return TypeRules.single(dt, Shape.of(Dim.unknown()));
        return TypeRules.single(dt, Shape.of(new long[] {count(ctx, start, limit, delta)}));
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        TensorType t = inferTypes(ctx)[0];
        Tensor start = inputs[0], delta = inputs[2];
        int n = (int) t.shape().dim(0).value();
        DType dt = t.dtype();
        if (dt.isFloating()) {
            double s = start.getDouble(0), d = delta.getDouble(0);
            float[] o = new float[n];
            for (int i = 0; i < n; i++) o[i] = CastRules.toFloatType(dt, (float) (s + i * d));
            return new Tensor[] {Tensor.of(dt, new int[] {n}, o)};
        }
        long s = start.getLong(0), d = delta.getLong(0);
        long[] o = new long[n];
        for (int i = 0; i < n; i++) o[i] = dt.wrap(s + i * d);
        return new Tensor[] {Tensor.of(dt, new int[] {n}, o)};
    }

    private static long count(OpContext ctx, Tensor start, Tensor limit, Tensor delta) {
        long n;
        if (start.dtype().isFloating()) {
            double s = start.getDouble(0), l = limit.getDouble(0), d = delta.getDouble(0);
            if (d == 0) throw ctx.error("delta cannot be 0");
            double c = Math.ceil((l - s) / d);
            if (Double.isNaN(c)) throw ctx.error("range count is NaN for start " + s + ", limit " + l + ", delta " + d);
            n = c <= 0 ? 0 : c >= Tensor.MAX_ELEMENTS ? Tensor.MAX_ELEMENTS + 1 : (long) c;
        } else {
            long s = start.getLong(0), l = limit.getLong(0), d = delta.getLong(0);
            if (d == 0) throw ctx.error("delta cannot be 0");
            long span = l - s;
            n = d > 0 ? (span <= 0 ? 0 : (span + d - 1) / d) : (span >= 0 ? 0 : (-span + -d - 1) / -d);
        }
        if (n > Tensor.MAX_ELEMENTS) throw ctx.error("range of " + n + " elements is too large");
        return n;
    }
}
