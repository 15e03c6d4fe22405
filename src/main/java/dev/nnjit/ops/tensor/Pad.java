package dev.nnjit.ops.tensor;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Dim;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.util.Arrays;

/**
 * Pad. Pads are [x1_begin, x2_begin, ..., x1_end, x2_end, ...]: the attribute {@code paddings} (opset 1) or
 * {@code pads} (2-10), input 1 from opset 11; negative pads crop. The constant is the {@code value} attribute
 * (up to opset 10) or the optional scalar input 2 (11+), default 0. Input 3 (opset 18+) lists the padded axes.
 * Modes: constant, reflect (mirror without repeating the edge), edge (repeat the edge), wrap (opset 19, periodic).
 *
 * <p>Non-constant modes read the source index from the input's full extent, so combining them with negative pads
 * on the same axis mirrors/repeats relative to the uncropped input.
 */
final class Pad implements OpDef {
    @Override public String opType() { return "Pad"; }

    private enum Mode { CONSTANT, REFLECT, EDGE, WRAP }

    private static Mode mode(OpContext ctx) {
        String m = ctx.attrString("mode", "constant");
        switch (m) {
            case "constant": return Mode.CONSTANT;
            case "reflect": return Mode.REFLECT;
            case "edge": return Mode.EDGE;
            case "wrap": return Mode.WRAP;
            default: throw ctx.error("unknown pad mode '" + m + "'");
        }
    }

    private static IntsArg pads(OpContext ctx) {
        IntsArg p = ctx.opset() < 2 ? IntsArg.of(ctx, "paddings", 1, 11) : IntsArg.of(ctx, "pads", 1, 11);
        if (!p.present) throw ctx.error("pads are required");
        return p;
    }

    /** Begin and end pads per axis of an input of {@code rank}: {begins, ends}; null when not yet known. */
    private static long[][] perAxis(OpContext ctx, int rank) {
        IntsArg pads = pads(ctx);
        IntsArg axesArg = ctx.opset() >= 18 ? IntsArg.fromInput(ctx, 3) : IntsArg.ABSENT;
        if (!pads.isKnown() || (axesArg.present && !axesArg.isKnown())) return null;
        int[] axes;
        if (axesArg.present) {
            axes = TypeRules.axes(ctx, axesArg.values, rank);
        } else {
            axes = new int[rank];
            for (int i = 0; i < rank; i++) axes[i] = i;
        }
        if (pads.values.length != 2 * axes.length) {
            throw ctx.error("pads " + Arrays.toString(pads.values) + " must have " + 2 * axes.length + " entries for "
                    + axes.length + " padded axes");
        }
        long[] begins = new long[rank], ends = new long[rank];
        for (int i = 0; i < axes.length; i++) {
            begins[axes[i]] = pads.values[i];
            ends[axes[i]] = pads.values[i + axes.length];
        }
        return new long[][] {begins, ends};
    }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        Shape in = TypeRules.shape(ctx, 0);
        DType dt = ctx.inputDType(0);
        Mode mode = mode(ctx);
        if (ctx.opset() >= 11 && ctx.hasInput(2)) {
            DType vt = ctx.inputDType(2);
            if (dt != null && vt != null && vt != dt) throw ctx.error("constant_value dtype " + vt + " differs from input dtype " + dt);
        }
        if (!in.hasRank()) return TypeRules.single(dt, Shape.unknownRank());
        long[][] p = perAxis(ctx, in.rank());
        if (p == null) return TypeRules.single(dt, Shape.unknownDims(in.rank()));
        Dim[] out = in.dims();
        for (int i = 0; i < out.length; i++) {
            long b = p[0][i], e = p[1][i];
            if (out[i].isKnown()) {
                long n = out[i].value();
                if (n + b + e < 0) throw ctx.error("pads " + b + ", " + e + " on axis " + i + " of size " + n + " give a negative size");
                if (mode != Mode.CONSTANT && n == 0 && (b > 0 || e > 0)) {
                    throw ctx.error("cannot pad an empty axis " + i + " in " + mode.name().toLowerCase() + " mode");
                }
                out[i] = Dim.of(n + b + e);
            } else if (b + e != 0) {
                out[i] = Dim.unknown();
            }
        }
        return TypeRules.single(dt, Shape.of(out));
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        Tensor x = inputs[0];
        int[] outShape = inferTypes(ctx)[0].shape().toIntArray();
        Tensor.checkedSize(outShape, "Pad output");
        long[][] p = perAxis(ctx, x.rank());
        Mode mode = mode(ctx);
        int[] shape = x.shape();
        int[] strides = IndexMaps.strides(shape);
        int[][] tables = new int[shape.length][];
        for (int d = 0; d < shape.length; d++) {
            tables[d] = new int[outShape[d]];
            for (int c = 0; c < outShape[d]; c++) {
                int src = source(mode, c - p[0][d], shape[d]);
                tables[d][c] = src < 0 ? -1 : src * strides[d];
            }
        }
        return new Tensor[] {Elements.gather(x, outShape, IndexMaps.separable(outShape, tables), fill(ctx, inputs))};
    }

    /** The input index that output position {@code i} (relative to the input's start) reads, or -1 for the constant. */
    private static int source(Mode mode, long i, int n) {
        if (i >= 0 && i < n) return (int) i;
        switch (mode) {
            case EDGE: return i < 0 ? 0 : n - 1;
            case WRAP: return (int) Math.floorMod(i, (long) n);
            case REFLECT: {
                if (n == 1) return 0;
                long period = 2L * (n - 1);
                long m = Math.floorMod(i, period);
                return (int) (m < n ? m : period - m);
            }
            default: return -1;
        }
    }

    private static Tensor fill(OpContext ctx, Tensor[] inputs) {
        DType dt = inputs[0].dtype();
        if (ctx.opset() < 11) return Elements.scalarOf(dt, ctx.attrFloat("value", 0f));
        if (inputs.length > 2 && inputs[2] != null) {
            Tensor v = inputs[2];
            if (v.size() != 1) throw ctx.error("constant_value must hold one element, has shape " + v.describe());
            if (v.dtype() != dt) throw ctx.error("constant_value dtype " + v.dtype() + " differs from input dtype " + dt);
            return v;
        }
        return null;
    }
}
