package dev.nnjit.ops.nn;

import dev.nnjit.ops.Broadcasting;
import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.ops.math.TypeChecks;
import dev.nnjit.ops.math.TypeChecks.Kinds;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/**
 * MeanVarianceNormalization over 'axes' (default [0, 2, 3]), following the ONNX function body exactly:
 * (X - E[X]) / (sqrt(E[X^2] - E[X]^2) + 1e-9). Statistics in double.
 */
public final class MeanVarianceNormOp implements OpDef {
    @Override public String opType() { return "MeanVarianceNormalization"; }
    @Override public int minOpset() { return 9; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(1, 1);
        DType t = TypeChecks.require(ctx, 0, Kinds.FLOAT);
        Shape x = ctx.inputType(0).shape();
        if (x.hasRank()) reduced(ctx, x.rank());
        return new TensorType[] {new TensorType(t, x)};
    }

    private static boolean[] reduced(OpContext ctx, int rank) {
        boolean[] r = new boolean[rank];
        for (long a : ctx.attrInts("axes", new long[] {0, 2, 3})) r[Broadcasting.axis(ctx, a, rank)] = true;
        return r;
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        inferTypes(ctx);
        Tensor tx = inputs[0];
        int[] s = tx.shape();
        boolean[] red = reduced(ctx, s.length);
        int[] kept = s.clone();
        for (int i = 0; i < s.length; i++) if (red[i]) kept[i] = 1;
        int groups = Tensor.checkedSize(kept, "statistics");
        int[] target = Broadcasting.indexMap(kept, s);
        float[] x = tx.floats(), y = new float[x.length];
        double[] sum = new double[groups], sumSq = new double[groups];
        long count = groups == 0 ? 0 : x.length / groups;
        for (int i = 0; i < x.length; i++) {
            sum[target[i]] += x[i];
            sumSq[target[i]] += (double) x[i] * x[i];
        }
        for (int i = 0; i < x.length; i++) {
            int g = target[i];
            double mean = sum[g] / count, var = sumSq[g] / count - mean * mean;
            y[i] = (float) ((x[i] - mean) / (Math.sqrt(Math.max(var, 0)) + 1e-9));
        }
        return new Tensor[] {Tensor.ofFloats(tx.dtype(), s, y)};
    }
}
