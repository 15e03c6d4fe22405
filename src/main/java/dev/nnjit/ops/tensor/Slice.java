package dev.nnjit.ops.tensor;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.tensor.Dim;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.util.Arrays;

/**
 * Slice: starts, ends and optional axes are attributes up to opset 9; from opset 10 they are inputs 1..3, with
 * optional steps (input 4). Negative starts/ends count from the end; then, per ONNX, they are clamped to [0, dim]
 * for positive steps and to [0, dim-1] / [-1, dim-1] for negative steps, so INT_MAX / INT_MIN ends mean "to the
 * end". Axes default to 0..len(starts)-1 and may be negative (opset 11+).
 */
final class Slice implements OpDef {
    @Override public String opType() { return "Slice"; }

    /** The slicing arguments; values null where not known before run time. */
    private static final class Args {
        IntsArg starts, ends, axes, steps;
    }

    private static Args args(OpContext ctx) {
        Args a = new Args();
        if (ctx.opset() < 10) {
            a.starts = IntsArg.of(ctx, "starts", -1, 10);
            a.ends = IntsArg.of(ctx, "ends", -1, 10);
            a.axes = IntsArg.of(ctx, "axes", -1, 10);
            a.steps = IntsArg.ABSENT;
        } else {
            a.starts = IntsArg.fromInput(ctx, 1);
            a.ends = IntsArg.fromInput(ctx, 2);
            a.axes = IntsArg.fromInput(ctx, 3);
            a.steps = IntsArg.fromInput(ctx, 4);
        }
        if (!a.starts.present || !a.ends.present) throw ctx.error("starts and ends are required");
        return a;
    }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        Shape in = TypeRules.shape(ctx, 0);
        if (!in.hasRank()) return TypeRules.single(ctx.inputDType(0), Shape.unknownRank());
        Args a = args(ctx);
        int rank = in.rank();
        Dim[] out = in.dims();
        if (!a.axes.present && !a.starts.isKnown() && a.starts.length < 0) {
            // Which axes are sliced is unknown: every dim may change.
            return TypeRules.single(ctx.inputDType(0), Shape.unknownDims(rank));
        }
        if (a.axes.present && !a.axes.isKnown()) return TypeRules.single(ctx.inputDType(0), Shape.unknownDims(rank));
        int count = a.axes.isKnown() ? a.axes.length : a.starts.length;
        int[] axes = axes(ctx, a.axes, count, rank);
        boolean valuesKnown = a.starts.isKnown() && a.ends.isKnown() && (!a.steps.present || a.steps.isKnown());
        for (int i = 0; i < axes.length; i++) {
            int ax = axes[i];
            if (!valuesKnown) {
                out[ax] = Dim.unknown();
                continue;
            }
            checkLengths(ctx, a, count);
            long start = a.starts.values[i], end = a.ends.values[i], step = step(ctx, a, i);
            Dim d = in.dim(ax);
            if (d.isKnown()) out[ax] = Dim.of(range(d.value(), start, end, step)[1]);
            else if (start == 0 && step == 1 && end >= Integer.MAX_VALUE) out[ax] = d; // x[:, 0:] keeps the symbol
            else out[ax] = Dim.unknown();
        }
        return TypeRules.single(ctx.inputDType(0), Shape.of(out));
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        Tensor x = inputs[0];
        int[] shape = x.shape();
        Args a = args(ctx);
        int count = a.axes.isKnown() ? a.axes.length : a.starts.length;
        checkLengths(ctx, a, count);
        int[] axes = axes(ctx, a.axes, count, shape.length);
        int[] starts = new int[shape.length], steps = new int[shape.length], outShape = shape.clone();
        Arrays.fill(steps, 1);
        for (int i = 0; i < axes.length; i++) {
            long[] r = range(shape[axes[i]], a.starts.values[i], a.ends.values[i], step(ctx, a, i));
            starts[axes[i]] = (int) r[0];
            outShape[axes[i]] = (int) r[1];
            steps[axes[i]] = (int) step(ctx, a, i);
        }
        int[] strides = IndexMaps.strides(shape);
        int[][] tables = new int[shape.length][];
        for (int d = 0; d < shape.length; d++) tables[d] = IndexMaps.affine(outShape[d], starts[d], steps[d], strides[d]);
        return new Tensor[] {Elements.gather(x, outShape, IndexMaps.separable(outShape, tables), null)};
    }

    private static void checkLengths(OpContext ctx, Args a, int count) {
        if (a.starts.length != count || a.ends.length != count || (a.steps.present && a.steps.length != count)) {
            throw ctx.error("starts, ends, axes and steps must have the same length, got " + a.starts.length + ", "
                    + a.ends.length + ", " + (a.axes.present ? a.axes.length : "-") + ", " + (a.steps.present ? a.steps.length : "-"));
        }
    }

    private static int[] axes(OpContext ctx, IntsArg axes, int count, int rank) {
        if (axes.isKnown()) return TypeRules.axes(ctx, axes.values, rank);
        if (count > rank) throw ctx.error(count + " starts given for an input of rank " + rank);
        int[] r = new int[count];
        for (int i = 0; i < count; i++) r[i] = i;
        return r;
    }

    private static long step(OpContext ctx, Args a, int i) {
        if (!a.steps.present) return 1;
        long s = a.steps.values[i];
        if (s == 0) throw ctx.error("slice step cannot be 0");
        return s;
    }

    /** {first index, element count} of start:end:step on an axis of size dim, after ONNX's adjust-and-clamp. */
    static long[] range(long dim, long start, long end, long step) {
        if (dim == 0) return new long[] {0, 0};
        if (start < 0) start += dim;
        if (end < 0) end += dim;
        long count;
        if (step > 0) {
            start = clamp(start, 0, dim);
            end = clamp(end, 0, dim);
            count = end > start ? (end - start + step - 1) / step : 0;
        } else {
            start = clamp(start, 0, dim - 1);
            end = clamp(end, -1, dim - 1);
            count = start > end ? (start - end - step - 1) / -step : 0;
        }
        return new long[] {start, count};
    }

    private static long clamp(long v, long lo, long hi) { return v < lo ? lo : Math.min(v, hi); }
}
