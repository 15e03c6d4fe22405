package dev.nnjit.ops.nn;

import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.ops.math.MatMulKernel;
import dev.nnjit.ops.math.TypeChecks;
import dev.nnjit.ops.math.TypeChecks.Kinds;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Dim;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.util.Arrays;

/**
 * N-D transposed convolution with groups, strides, dilations, pads / auto_pad / output_shape, output_padding and
 * optional bias.
 *
 * <pre>
 * X (N, C, D1..Dn), W (C, M/group, k1..kn), B (M) -> Y (N, M, O1..On)
 * Y[n, m, i*stride + k*dilation - padBegin] += X[n, c, i] * W[c, m, k]   for c in group(m), all i and k
 * </pre>
 *
 * <p>Output size per axis: output_shape when given (pads are then derived: total = stride*(in-1) + output_padding
 * + dk - out, split with the odd element at the beginning unless auto_pad is SAME_UPPER); in*stride for
 * SAME_UPPER/SAME_LOWER (same split rule); otherwise stride*(in-1) + output_padding + dk - padBegin - padEnd.
 * A negative total (output larger than the unpadded result) is taken as 0, so the extra positions are zeros at
 * the end, as in ONNX Runtime and the ONNX conformance case test_convtranspose_output_shape.
 * Computed per image and group as (M/group*K, tile) = W_g^T @ X_g tile on {@link MatMulKernel}, then scattered
 * (col2im) into Y.
 */
public final class ConvTransposeOp implements OpDef {
    static final int TILE = 1024;

    @Override public String opType() { return "ConvTranspose"; }

    /** Per spatial axis: kernel, strides, dilations, padBegin, out. */
    private static final class Geometry {
        int[] kernel, strides, dilations, padBegin, out;
    }

    private static Geometry geometry(OpContext ctx, int[] in, int[] wSpatial) {
        int nd = in.length;
        Geometry g = new Geometry();
        g.kernel = SpatialGeometry.kernel(ctx, nd, wSpatial);
        g.strides = SpatialGeometry.ints(ctx, "strides", nd, 1);
        g.dilations = SpatialGeometry.ints(ctx, "dilations", nd, 1);
        int[] outPad = SpatialGeometry.ints(ctx, "output_padding", nd, 0);
        String autoPad = ctx.attrString("auto_pad", "NOTSET");
        if (!Arrays.asList("NOTSET", "VALID", "SAME_UPPER", "SAME_LOWER").contains(autoPad)) {
            throw ctx.error("unknown auto_pad '" + autoPad + "'");
        }
        long[] outputShape = ctx.attrInts("output_shape", null);
        long[] pads = autoPad.equals("NOTSET") ? ctx.attrInts("pads", new long[2 * nd]) : new long[2 * nd];
        if (pads.length != 2 * nd) throw ctx.error("pads must have " + 2 * nd + " values, got " + Arrays.toString(pads));
        if (outputShape != null && outputShape.length != nd && outputShape.length != nd + 2) {
            throw ctx.error("output_shape must have " + nd + " spatial values, got " + Arrays.toString(outputShape));
        }
        g.padBegin = new int[nd];
        g.out = new int[nd];
        for (int i = 0; i < nd; i++) {
            if (g.strides[i] <= 0 || g.dilations[i] <= 0) throw ctx.error("strides and dilations must be positive");
            if (in[i] < 0 || g.kernel[i] < 0) { g.out[i] = -1; continue; }
            int dk = (g.kernel[i] - 1) * g.dilations[i] + 1;
            int full = g.strides[i] * (in[i] - 1) + outPad[i] + dk; // output size without any padding
            if (outputShape != null || autoPad.startsWith("SAME")) {
                g.out[i] = outputShape != null ? (int) outputShape[outputShape.length - nd + i] : in[i] * g.strides[i];
                int total = Math.max(0, full - g.out[i]); // a larger output is extended at the end only
                g.padBegin[i] = autoPad.equals("SAME_UPPER") ? total / 2 : total - total / 2;
            } else {
                g.padBegin[i] = (int) pads[i];
                g.out[i] = full - (int) pads[i] - (int) pads[i + nd];
            }
            if (g.out[i] < 0) throw ctx.error("output size " + g.out[i] + " on spatial axis " + i + " is negative");
        }
        return g;
    }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(2, 3);
        DType t = ctx.hasInput(2) ? TypeChecks.same(ctx, Kinds.FLOAT, 0, 1, 2) : TypeChecks.same(ctx, Kinds.FLOAT, 0, 1);
        Shape x = ctx.inputType(0).shape(), w = ctx.inputType(1).shape();
        int group = (int) ctx.attrInt("group", 1);
        if (group <= 0) throw ctx.error("group must be positive, got " + group);
        if (!x.hasRank() || !w.hasRank()) return new TensorType[] {new TensorType(t, Shape.unknownRank())};
        if (w.rank() != x.rank()) throw ctx.error("W must have the rank of X, got X " + x + " and W " + w);
        int[] in = NnTypes.spatial(ctx, x, 3);
        Dim c = x.dim(1), cw = w.dim(0);
        if (c.isKnown() && cw.isKnown() && c.value() != cw.value()) {
            throw ctx.error("X has " + c + " channels but W " + w + " has " + cw);
        }
        if (cw.isKnown() && cw.value() % group != 0) throw ctx.error("W's " + cw + " input channels are not divisible by group " + group);
        Dim m = w.dim(1).isKnown() ? Dim.of(w.dim(1).value() * group) : Dim.unknown();
        NnTypes.requireChannelVector(ctx, 2, "bias B", m);
        Geometry g = geometry(ctx, in, NnTypes.spatial(ctx, w, 3));
        return new TensorType[] {new TensorType(t, NnTypes.nc(x.dim(0), m, g.out))};
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        inferTypes(ctx);
        Tensor tx = inputs[0], tw = inputs[1], tb = inputs.length > 2 ? inputs[2] : null;
        int[] xs = tx.shape(), ws = tw.shape();
        int rank = xs.length, nd = rank - 2;
        int group = (int) ctx.attrInt("group", 1);
        int n = xs[0], c = xs[1], cg = c / group, mg = ws[1], m = mg * group;
        int[] in = Arrays.copyOfRange(xs, 2, rank);
        Geometry g = geometry(ctx, in, Arrays.copyOfRange(ws, 2, rank));
        int[] outShape = new int[rank];
        outShape[0] = n;
        outShape[1] = m;
        System.arraycopy(g.out, 0, outShape, 2, nd);
        float[] y = new float[Tensor.checkedSize(outShape, "output")];
        int inSpatial = 1, outSpatial = 1, kSize = 1;
        for (int i = 0; i < nd; i++) { inSpatial *= in[i]; outSpatial *= g.out[i]; kSize *= g.kernel[i]; }
        float[] x = tx.floats(), w = tw.floats();
        int rows = mg * kSize; // rows of the column matrix: (output channel in group, kernel offset)
        int tile = Math.min(TILE, Math.max(1, inSpatial));
        float[] col = new float[rows * tile];
        int[][] target = new int[kSize][tile];
        for (int t0 = 0; t0 < inSpatial; t0 += tile) {
            int width = Math.min(tile, inSpatial - t0);
            fillOutputIndex(g, in, t0, width, target);
            for (int img = 0; img < n; img++) {
                for (int grp = 0; grp < group; grp++) {
                    // col (rows, width) = W_g^T (rows, cg) @ X_g (cg, width); W_g is (cg, rows) row-major.
                    MatMulKernel.multiply(rows, cg, width, w, grp * cg * rows, 1, rows,
                            x, (img * c + grp * cg) * inSpatial + t0, inSpatial, 1, col, 0, width);
                    int yBase = (img * m + grp * mg) * outSpatial;
                    for (int mm = 0; mm < mg; mm++) {
                        for (int k = 0; k < kSize; k++) {
                            int row = (mm * kSize + k) * width, yOff = yBase + mm * outSpatial;
                            int[] tk = target[k];
                            for (int j = 0; j < width; j++) if (tk[j] >= 0) y[yOff + tk[j]] += col[row + j];
                        }
                    }
                }
            }
        }
        if (tb != null) {
            float[] b = tb.floats();
            for (int img = 0; img < n; img++) {
                for (int ch = 0; ch < m; ch++) {
                    int off = (img * m + ch) * outSpatial;
                    for (int i = 0; i < outSpatial; i++) y[off + i] += b[ch];
                }
            }
        }
        return new Tensor[] {Tensor.ofFloats(tx.dtype(), outShape, y)};
    }

    /** target[k][j]: flat output position written by kernel offset k from input position t0 + j, or -1 if outside. */
    private static void fillOutputIndex(Geometry g, int[] in, int t0, int width, int[][] target) {
        int nd = in.length;
        int[] kc = new int[nd], ic = new int[nd];
        for (int k = 0; k < target.length; k++) {
            ConvOp.unflatten(k, g.kernel, kc);
            ConvOp.unflatten(t0, in, ic);
            for (int j = 0; j < width; j++) {
                int flat = 0;
                boolean inside = true;
                for (int d = 0; d < nd; d++) {
                    int pos = ic[d] * g.strides[d] + kc[d] * g.dilations[d] - g.padBegin[d];
                    if (pos < 0 || pos >= g.out[d]) { inside = false; break; }
                    flat = flat * g.out[d] + pos;
                }
                target[k][j] = inside ? flat : -1;
                ConvOp.increment(ic, in);
            }
        }
    }
}
