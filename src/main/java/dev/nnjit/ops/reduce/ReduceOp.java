package dev.nnjit.ops.reduce;

import dev.nnjit.tensor.PortableCasts;
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
 * The Reduce* family: Sum, Mean, Max, Min, Prod, L1, L2, SumSquare, LogSum, LogSumExp over a set of axes (see
 * {@link ReduceAxes} for where axes come from), with keepdims.
 *
 * <p>Floats accumulate in double and round once, so the reference is at least as accurate as any float kernel it
 * checks. Integers accumulate in long (wrapping to the dtype at the end); Mean divides with truncation; L2, LogSum
 * and LogSumExp on integers compute in double and truncate. Reducing an empty set gives the identity of the
 * reduction: 0 (Sum, SumSquare, L1, L2), 1 (Prod), -inf / the type's minimum (Max), +inf / maximum (Min), -inf
 * (LogSum, LogSumExp), NaN (Mean of floats; 0 for integers). Max and Min propagate NaN.
 */
public final class ReduceOp implements OpDef {
    public enum Kind { SUM, MEAN, MAX, MIN, PROD, L1, L2, SUM_SQUARE, LOG_SUM, LOG_SUM_EXP }

    private final String opType;
    private final Kind kind;
    private final int axesInputSince;

    public ReduceOp(String opType, Kind kind, int axesInputSince) {
        this.opType = opType;
        this.kind = kind;
        this.axesInputSince = axesInputSince;
    }

    @Override public String opType() { return opType; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        boolean inputForm = ctx.opset() >= axesInputSince;
        ctx.requireInputs(1, inputForm ? 2 : 1);
        DType t = TypeChecks.require(ctx, 0, Kinds.NUMERIC);
        if (inputForm && ctx.hasInput(1)) TypeChecks.require(ctx, 1, Kinds.INT);
        boolean keepdims = ctx.attrInt("keepdims", 1) != 0;
        Shape in = ctx.inputType(0).shape();
        long[] axes = ReduceAxes.raw(ctx, axesInputSince);
        if (!in.hasRank()) return new TensorType[] {new TensorType(t, Shape.unknownRank())};
        if (axes == ReduceAxes.UNKNOWN) {
            if (keepdims) return new TensorType[] {new TensorType(t, Shape.unknownDims(in.rank()))};
            Shape axesShape = ctx.inputType(1).shape();
            if (axesShape.isStatic() && axesShape.rank() == 1 && axesShape.dim(0).value() > 0) {
                return new TensorType[] {new TensorType(t, Shape.unknownDims(in.rank() - (int) axesShape.dim(0).value()))};
            }
            return new TensorType[] {new TensorType(t, Shape.unknownRank())};
        }
        boolean[] reduced = ReduceAxes.flags(ctx, axes, in.rank(), inputForm, ctx.attrInt("noop_with_empty_axes", 0) != 0);
        return new TensorType[] {new TensorType(t, ReduceAxes.outShape(in, reduced, keepdims))};
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        inferTypes(ctx);
        Tensor x = inputs[0];
        int[] in = x.shape();
        boolean inputForm = ctx.opset() >= axesInputSince;
        boolean[] reduced = ReduceAxes.flags(ctx, ReduceAxes.raw(ctx, axesInputSince), in.length, inputForm,
                ctx.attrInt("noop_with_empty_axes", 0) != 0);
        boolean keepdims = ctx.attrInt("keepdims", 1) != 0;
        int[] kept = ReduceAxes.keptShape(in, reduced);
        int[] outShape = ReduceAxes.finalShape(in, reduced, keepdims);
        int outSize = Tensor.checkedSize(kept, "output");
        // target[i]: the output element input element i contributes to.
        int[] target = Broadcasting.indexMap(kept, in);
        long count = outSize == 0 ? 0 : (long) x.size() / outSize;
        DType t = x.dtype();
        if (t.isFloating() || kind == Kind.L2 || kind == Kind.LOG_SUM || kind == Kind.LOG_SUM_EXP) {
            double[] r = reduceDouble(x, target, outSize, count);
            if (t.isFloating()) {
                float[] out = new float[outSize];
                for (int i = 0; i < outSize; i++) out[i] = (float) r[i];
                return new Tensor[] {Tensor.ofFloats(t, outShape, out)};
            }
            long[] out = new long[outSize];
            for (int i = 0; i < outSize; i++) out[i] = t.wrap(PortableCasts.toLong(r[i]));
            return new Tensor[] {Tensor.ofLongs(t, outShape, out)};
        }
        long[] out = reduceLong(x.longs(), target, outSize, count);
        for (int i = 0; i < outSize; i++) out[i] = t.wrap(out[i]);
        if (count == 0 && (kind == Kind.MAX || kind == Kind.MIN)) {
            java.util.Arrays.fill(out, kind == Kind.MAX ? t.minValue() : t.maxValue());
        }
        return new Tensor[] {Tensor.ofLongs(t, outShape, out)};
    }

    private double[] reduceDouble(Tensor x, int[] target, int outSize, long count) {
        int n = x.size();
        double[] acc = new double[outSize];
        double init = kind == Kind.PROD ? 1 : kind == Kind.MAX || kind == Kind.LOG_SUM_EXP ? Double.NEGATIVE_INFINITY
                : kind == Kind.MIN ? Double.POSITIVE_INFINITY : 0;
        java.util.Arrays.fill(acc, init);
        double[] v = TypeChecks.toDoubles(x);
        if (kind == Kind.LOG_SUM_EXP) {
            double[] max = acc; // first pass: the max per output, for a stable log-sum-exp
            for (int i = 0; i < n; i++) max[target[i]] = Math.max(max[target[i]], v[i]);
            double[] sum = new double[outSize];
            for (int i = 0; i < n; i++) {
                double m = max[target[i]];
                sum[target[i]] += Double.isInfinite(m) ? Math.exp(v[i]) : Math.exp(v[i] - m);
            }
            double[] r = new double[outSize];
            for (int o = 0; o < outSize; o++) r[o] = Double.isInfinite(max[o]) ? Math.log(sum[o]) : max[o] + Math.log(sum[o]);
            return r;
        }
        for (int i = 0; i < n; i++) {
            int o = target[i];
            double e = v[i];
            switch (kind) {
                case SUM: case MEAN: case LOG_SUM: acc[o] += e; break;
                case MAX: acc[o] = Math.max(acc[o], e); break;
                case MIN: acc[o] = Math.min(acc[o], e); break;
                case PROD: acc[o] *= e; break;
                case L1: acc[o] += Math.abs(e); break;
                case L2: case SUM_SQUARE: acc[o] += e * e; break;
                default: throw new IllegalStateException();
            }
        }
        for (int o = 0; o < outSize; o++) {
            if (kind == Kind.MEAN) acc[o] /= count;
            else if (kind == Kind.L2) acc[o] = Math.sqrt(acc[o]);
            else if (kind == Kind.LOG_SUM) acc[o] = Math.log(acc[o]);
        }
        return acc;
    }

    private long[] reduceLong(long[] v, int[] target, int outSize, long count) {
        long[] acc = new long[outSize];
        long init = kind == Kind.PROD ? 1 : kind == Kind.MAX ? Long.MIN_VALUE : kind == Kind.MIN ? Long.MAX_VALUE : 0;
        java.util.Arrays.fill(acc, init);
        for (int i = 0; i < v.length; i++) {
            int o = target[i];
            long e = v[i];
            switch (kind) {
                case SUM: case MEAN: acc[o] += e; break;
                case MAX: acc[o] = Math.max(acc[o], e); break;
                case MIN: acc[o] = Math.min(acc[o], e); break;
                case PROD: acc[o] *= e; break;
                case L1: acc[o] += Math.abs(e); break;
                case SUM_SQUARE: acc[o] += e * e; break;
                default: throw new IllegalStateException();
            }
        }
        if (kind == Kind.MEAN) for (int o = 0; o < outSize; o++) acc[o] = count == 0 ? 0 : acc[o] / count;
        return acc;
    }
}
