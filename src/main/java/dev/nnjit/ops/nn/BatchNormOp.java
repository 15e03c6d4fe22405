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
 * BatchNormalization on (N, C, D1..Dn) with per-channel scale, B, mean and var (all [C]):
 * <pre>
 * Y = (X - mean) / sqrt(var + epsilon) * scale + B        (epsilon default 1e-5)
 * </pre>
 * Inference mode uses the given mean/var. Training mode (training_mode=1, opset 14+) uses the batch statistics
 * (mean and population variance over N and the spatial dims) and also outputs running_mean = mean * momentum +
 * batchMean * (1 - momentum) and running_var likewise (momentum default 0.9). Opsets before 14 defined their
 * extra outputs only for training, which is rejected; spatial=0 (opsets 7-8) is not supported.
 */
public final class BatchNormOp implements OpDef {
    @Override public String opType() { return "BatchNormalization"; }
    @Override public int minOpset() { return 6; }

    private static boolean training(OpContext ctx) {
        return ctx.opset() >= 14 && ctx.attrInt("training_mode", 0) != 0;
    }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(5, 5);
        DType t = TypeChecks.require(ctx, 0, Kinds.FLOAT);
        for (int i = 1; i < 5; i++) TypeChecks.require(ctx, i, Kinds.FLOAT);
        if (ctx.attrInt("spatial", 1) == 0) throw ctx.error("spatial=0 (per-activation statistics) is not supported");
        boolean training = training(ctx);
        if (!training && ctx.outputCount() > 1) {
            throw ctx.error("outputs beyond Y exist only in training mode" + (ctx.opset() < 14 ? ", which opset "
                    + ctx.opset() + " does not support here" : "; set training_mode=1"));
        }
        Shape x = ctx.inputType(0).shape();
        Dim c = Dim.unknown();
        if (x.hasRank()) {
            if (x.rank() < 2) throw ctx.error("X must have rank >= 2 (N, C, ...), has shape " + x);
            c = x.dim(1);
        }
        String[] names = {"", "scale", "B", "input_mean", "input_var"};
        for (int i = 1; i < 5; i++) NnTypes.requireChannelVector(ctx, i, names[i], c);
        TensorType stat = new TensorType(ctx.inputDType(3), Shape.of(c));
        return new TensorType[] {new TensorType(t, x), stat, new TensorType(ctx.inputDType(4), Shape.of(c))};
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        inferTypes(ctx);
        Tensor tx = inputs[0];
        int[] s = tx.shape();
        int n = s[0], c = s[1];
        int spatial = 1;
        for (int i = 2; i < s.length; i++) spatial *= s[i];
        float[] x = tx.floats(), scale = inputs[1].floats(), b = inputs[2].floats();
        float[] mean = inputs[3].floats(), var = inputs[4].floats();
        double eps = ctx.attrFloat("epsilon", 1e-5f);
        boolean training = training(ctx);
        double[] useMean = new double[c], useVar = new double[c];
        for (int ch = 0; ch < c; ch++) {
            if (!training) {
                useMean[ch] = mean[ch];
                useVar[ch] = var[ch];
                continue;
            }
            double m = 0, count = (double) n * spatial;
            for (int img = 0; img < n; img++) for (int i = 0; i < spatial; i++) m += x[(img * c + ch) * spatial + i];
            m /= count;
            double v = 0;
            for (int img = 0; img < n; img++) {
                for (int i = 0; i < spatial; i++) {
                    double d = x[(img * c + ch) * spatial + i] - m;
                    v += d * d;
                }
            }
            useMean[ch] = m;
            useVar[ch] = v / count;
        }
        float[] y = new float[x.length];
        for (int img = 0; img < n; img++) {
            for (int ch = 0; ch < c; ch++) {
                double k = scale[ch] / Math.sqrt(useVar[ch] + eps);
                int off = (img * c + ch) * spatial;
                for (int i = 0; i < spatial; i++) y[off + i] = (float) ((x[off + i] - useMean[ch]) * k + b[ch]);
            }
        }
        Tensor ty = Tensor.ofFloats(tx.dtype(), s, y);
        if (!training) return new Tensor[] {ty};
        double momentum = ctx.attrFloat("momentum", 0.9f);
        float[] runMean = new float[c], runVar = new float[c];
        for (int ch = 0; ch < c; ch++) {
            runMean[ch] = (float) (mean[ch] * momentum + useMean[ch] * (1 - momentum));
            runVar[ch] = (float) (var[ch] * momentum + useVar[ch] * (1 - momentum));
        }
        return new Tensor[] {ty, Tensor.ofFloats(inputs[3].dtype(), new int[] {c}, runMean),
                Tensor.ofFloats(inputs[4].dtype(), new int[] {c}, runVar)};
    }
}
