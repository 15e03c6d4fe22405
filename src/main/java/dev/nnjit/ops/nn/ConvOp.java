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

/**
 * N-D convolution (really cross-correlation, as ONNX defines it), with groups, strides, dilations, pads/auto_pad
 * and optional bias.
 *
 * <pre>
 * X (N, C, D1..Dn) * W (M, C/group, k1..kn) + B (M) -> Y (N, M, O1..On)
 * Y[n, m, o] = B[m] + sum_{c in group(m), k} X[n, c, o*stride - padBegin + k*dilation] * W[m, c, k]
 * </pre>
 *
 * <p>Computed as im2col + {@link MatMulKernel}: for each image and group, a column matrix (C/group * K, tile of
 * output positions) of zero-padded input patches is multiplied by the group's weights (M/group, C/group * K).
 * Output positions are processed in tiles so the column buffer stays bounded however large the image. Sums are in
 * float in the kernel's order (channel-major, then kernel offset), then the bias is added.
 */
public final class ConvOp implements OpDef {
    /** Output positions per im2col tile: bounds the column buffer to (C/group * K) * 1024 floats. */
    static final int TILE = 1024;

    @Override public String opType() { return "Conv"; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(2, 3);
        DType t = ctx.hasInput(2) ? TypeChecks.same(ctx, Kinds.FLOAT, 0, 1, 2) : TypeChecks.same(ctx, Kinds.FLOAT, 0, 1);
        Shape x = ctx.inputType(0).shape(), w = ctx.inputType(1).shape();
        if (!x.hasRank() && !w.hasRank()) return new TensorType[] {new TensorType(t, Shape.unknownRank())};
        int rank = x.hasRank() ? x.rank() : w.rank();
        if (x.hasRank() && w.hasRank() && w.rank() != x.rank()) {
            throw ctx.error("W must have the rank of X, got X " + x + " and W " + w);
        }
        if (rank < 3) throw ctx.error("input must have rank >= 3 (N, C, spatial...), has rank " + rank);
        int group = (int) ctx.attrInt("group", 1);
        if (group <= 0) throw ctx.error("group must be positive, got " + group);
        Dim m = w.hasRank() ? w.dim(0) : Dim.unknown();
        if (x.hasRank() && w.hasRank()) {
            Dim c = x.dim(1), cw = w.dim(1);
            if (c.isKnown() && cw.isKnown() && c.value() != cw.value() * group) {
                throw ctx.error("X has " + c + " channels but W " + w + " with group " + group + " expects "
                        + cw.value() * group);
            }
        }
        if (m.isKnown() && m.value() % group != 0) throw ctx.error("W's " + m + " output channels are not divisible by group " + group);
        NnTypes.requireChannelVector(ctx, 2, "bias B", m);
        int[] wSpatial = w.hasRank() ? NnTypes.spatial(ctx, w, 3) : null;
        int[] kernel = SpatialGeometry.kernel(ctx, rank - 2, wSpatial);
        for (int k : kernel) {
            if (k < 0) return new TensorType[] {new TensorType(t, NnTypes.nc(x.hasRank() ? x.dim(0) : Dim.unknown(), m,
                    unknowns(rank - 2)))};
        }
        int[] in = x.hasRank() ? NnTypes.spatial(ctx, x, 3) : unknowns(rank - 2);
        SpatialGeometry g = SpatialGeometry.of(ctx, in, kernel, false);
        return new TensorType[] {new TensorType(t, NnTypes.nc(x.hasRank() ? x.dim(0) : Dim.unknown(), m, g.out))};
    }

    private static int[] unknowns(int n) {
        int[] r = new int[n];
        java.util.Arrays.fill(r, -1);
        return r;
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        inferTypes(ctx);
        Tensor tx = inputs[0], tw = inputs[1], tb = inputs.length > 2 ? inputs[2] : null;
        int[] xs = tx.shape(), ws = tw.shape();
        int rank = xs.length, nd = rank - 2;
        int group = (int) ctx.attrInt("group", 1);
        int n = xs[0], c = xs[1], m = ws[0], cg = ws[1], mg = m / group;
        int[] in = java.util.Arrays.copyOfRange(xs, 2, rank);
        int[] kernel = SpatialGeometry.kernel(ctx, nd, java.util.Arrays.copyOfRange(ws, 2, rank));
        SpatialGeometry g = SpatialGeometry.of(ctx, in, kernel, false);
        int[] outShape = new int[rank];
        outShape[0] = n;
        outShape[1] = m;
        System.arraycopy(g.out, 0, outShape, 2, nd);
        int outSpatial = g.outSize(), inSpatial = g.inSize(), kSize = g.kernelSize();
        float[] x = tx.floats(), w = tw.floats();
        float[] y = new float[Tensor.checkedSize(outShape, "output")];
        int depth = cg * kSize; // rows of the column matrix
        boolean pointwise = isPointwise(g);
        int tile = Math.min(TILE, Math.max(1, outSpatial));
        float[] col = pointwise ? null : new float[depth * tile];
        int[][] tileInputIndex = pointwise ? null : new int[kSize][];
        if (pointwise) {
            // 1x1, stride 1, no padding: X's (cg, spatial) block already is the column matrix.
            for (int img = 0; img < n; img++) {
                for (int grp = 0; grp < group; grp++) {
                    MatMulKernel.multiply(mg, cg, outSpatial, w, grp * mg * depth, depth, 1,
                            x, (img * c + grp * cg) * inSpatial, inSpatial, 1, y, (img * m + grp * mg) * outSpatial, outSpatial);
                }
            }
        } else {
            // The input index map depends only on the tile, so it is built once per tile for all images and groups.
            for (int t0 = 0; t0 < outSpatial; t0 += tile) {
                int width = Math.min(tile, outSpatial - t0);
                fillInputIndex(g, t0, width, tileInputIndex);
                for (int img = 0; img < n; img++) {
                    for (int grp = 0; grp < group; grp++) {
                        im2col(x, (img * c + grp * cg) * inSpatial, inSpatial, cg, kSize, tileInputIndex, width, col);
                        MatMulKernel.multiply(mg, depth, width, w, grp * mg * depth, depth, 1, col, 0, width, 1,
                                y, (img * m + grp * mg) * outSpatial + t0, outSpatial);
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

    private static boolean isPointwise(SpatialGeometry g) {
        for (int i = 0; i < g.rank(); i++) {
            if (g.kernel[i] != 1 || g.strides[i] != 1 || g.padBegin[i] != 0 || g.padEnd[i] != 0) return false;
        }
        return true;
    }

    /**
     * index[k][j]: flat spatial input index read by kernel offset k at output position t0 + j, or -1 where that
     * falls in the padding. The same for every channel, so it is computed once per tile.
     */
    static void fillInputIndex(SpatialGeometry g, int t0, int width, int[][] index) {
        int nd = g.rank(), kSize = g.kernelSize();
        int[] kc = new int[nd], oc = new int[nd];
        for (int k = 0; k < kSize; k++) {
            if (index[k] == null || index[k].length < width) index[k] = new int[width];
            unflatten(k, g.kernel, kc);
            unflatten(t0, g.out, oc);
            for (int j = 0; j < width; j++) {
                int flat = 0;
                boolean inside = true;
                for (int d = 0; d < nd; d++) {
                    int pos = oc[d] * g.strides[d] - g.padBegin[d] + kc[d] * g.dilations[d];
                    if (pos < 0 || pos >= g.in[d]) { inside = false; break; }
                    flat = flat * g.in[d] + pos;
                }
                index[k][j] = inside ? flat : -1;
                increment(oc, g.out);
            }
        }
    }

    /** col[(ch * kSize + k) * width + j] = X[ch, index[k][j]] (0 in padding). */
    private static void im2col(float[] x, int xOff, int inSpatial, int channels, int kSize, int[][] index, int width,
                               float[] col) {
        for (int ch = 0; ch < channels; ch++) {
            int base = xOff + ch * inSpatial;
            for (int k = 0; k < kSize; k++) {
                int[] idx = index[k];
                int row = (ch * kSize + k) * width;
                for (int j = 0; j < width; j++) {
                    int s = idx[j];
                    col[row + j] = s < 0 ? 0f : x[base + s];
                }
            }
        }
    }

    static void unflatten(int flat, int[] shape, int[] coords) {
        for (int d = shape.length - 1; d >= 0; d--) {
            coords[d] = flat % shape[d];
            flat /= shape[d];
        }
    }

    static void increment(int[] coords, int[] shape) {
        for (int d = shape.length - 1; d >= 0; d--) {
            if (++coords[d] < shape[d]) return;
            coords[d] = 0;
        }
    }
}
