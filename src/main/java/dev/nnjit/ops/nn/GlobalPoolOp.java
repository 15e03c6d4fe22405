package dev.nnjit.ops.nn;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.ops.math.TypeChecks;
import dev.nnjit.ops.math.TypeChecks.Kinds;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Dim;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/**
 * GlobalAveragePool, GlobalMaxPool, GlobalLpPool: (N, C, D1..Dn) -> (N, C, 1..1), reducing all spatial positions
 * in double. An empty spatial extent gives NaN (average), -inf (max) or 0 (Lp).
 */
public final class GlobalPoolOp implements OpDef {
    private final PoolOp.Kind kind;

    public GlobalPoolOp(PoolOp.Kind kind) { this.kind = kind; }

    @Override public String opType() {
        return kind == PoolOp.Kind.MAX ? "GlobalMaxPool" : kind == PoolOp.Kind.AVERAGE ? "GlobalAveragePool" : "GlobalLpPool";
    }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(1, 1);
        DType t = TypeChecks.require(ctx, 0, Kinds.FLOAT);
        Shape x = ctx.inputType(0).shape();
        if (!x.hasRank()) return new TensorType[] {new TensorType(t, Shape.unknownRank())};
        int[] ones = new int[NnTypes.spatial(ctx, x, 3).length];
        java.util.Arrays.fill(ones, 1);
        return new TensorType[] {new TensorType(t, NnTypes.nc(x.dim(0), x.dim(1), ones))};
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        inferTypes(ctx);
        Tensor tx = inputs[0];
        int[] xs = tx.shape();
        int planes = xs[0] * xs[1];
        int spatial = tx.size() / Math.max(1, planes);
        if (planes == 0) spatial = 0;
        int[] outShape = xs.clone();
        for (int i = 2; i < outShape.length; i++) outShape[i] = 1;
        float[] x = tx.floats(), y = new float[planes];
        double p = kind == PoolOp.Kind.LP ? ctx.attrInt("p", 2) : 0;
        for (int pl = 0; pl < planes; pl++) {
            double acc = kind == PoolOp.Kind.MAX ? Double.NEGATIVE_INFINITY : 0;
            for (int i = 0; i < spatial; i++) {
                double v = x[pl * spatial + i];
                if (kind == PoolOp.Kind.MAX) acc = Math.max(acc, v);
                else if (kind == PoolOp.Kind.AVERAGE) acc += v;
                else acc += Math.pow(Math.abs(v), p);
            }
            if (kind == PoolOp.Kind.AVERAGE) acc /= spatial;
            else if (kind == PoolOp.Kind.LP) acc = Math.pow(acc, 1 / p);
            y[pl] = (float) acc;
        }
        return new Tensor[] {Tensor.ofFloats(tx.dtype(), outShape, y)};
    }
}
