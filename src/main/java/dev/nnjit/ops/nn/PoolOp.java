package dev.nnjit.ops.nn;

import dev.nnjit.tensor.PortableCasts;
import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpDef;
import dev.nnjit.ops.math.TypeChecks;
import dev.nnjit.ops.math.TypeChecks.Kinds;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;

/**
 * MaxPool, AveragePool and LpPool over the spatial axes of (N, C, D1..Dn), with the window geometry of
 * {@link SpatialGeometry} (kernel_shape, strides, pads/auto_pad, dilations, ceil_mode).
 *
 * <p>Padding never contributes a value: MaxPool ignores it (an all-padding window gives -inf), AveragePool divides
 * by the number of in-bounds elements, or with count_include_pad=1 by the number of window positions inside the
 * padded extent [-padBegin, in + padEnd) (so ceil_mode overhang past the end padding is never counted). LpPool
 * is (sum |x|^p)^(1/p) over in-bounds elements. Windows are reduced in double and rounded once.
 *
 * <p>MaxPool's optional Indices output holds, for each maximum, its flat index in X: ((n*C + c) * spatial size) +
 * the spatial offset in row-major order, or column-major with storage_order=1. Ties keep the first element met in
 * row-major window order.
 */
public final class PoolOp implements OpDef {
    public enum Kind { MAX, AVERAGE, LP }

    private final Kind kind;

    public PoolOp(Kind kind) { this.kind = kind; }

    @Override public String opType() { return kind == Kind.MAX ? "MaxPool" : kind == Kind.AVERAGE ? "AveragePool" : "LpPool"; }

    @Override public TensorType[] inferTypes(OpContext ctx) {
        ctx.requireInputs(1, 1);
        if (kind != Kind.MAX && ctx.outputCount() > 1) throw ctx.error("has one output, got " + ctx.outputCount());
        DType t = TypeChecks.require(ctx, 0, kind == Kind.MAX ? Kinds.NUMERIC : Kinds.FLOAT);
        Shape x = ctx.inputType(0).shape();
        if (!x.hasRank()) {
            TensorType y = new TensorType(t, Shape.unknownRank());
            return new TensorType[] {y, new TensorType(DType.INT64, Shape.unknownRank())};
        }
        int[] in = NnTypes.spatial(ctx, x, 3);
        SpatialGeometry g = geometry(ctx, in);
        Shape out = NnTypes.nc(x.dim(0), x.dim(1), g.out);
        return new TensorType[] {new TensorType(t, out), new TensorType(DType.INT64, out)};
    }

    private SpatialGeometry geometry(OpContext ctx, int[] in) {
        if (!ctx.hasAttr("kernel_shape")) throw ctx.error("attribute 'kernel_shape' is required");
        int[] kernel = SpatialGeometry.kernel(ctx, in.length, null);
        return SpatialGeometry.of(ctx, in, kernel, ctx.attrInt("ceil_mode", 0) != 0);
    }

    @Override public Tensor[] compute(OpContext ctx, Tensor[] inputs) {
        inferTypes(ctx);
        Tensor tx = inputs[0];
        int[] xs = tx.shape();
        int nd = xs.length - 2;
        SpatialGeometry g = geometry(ctx, java.util.Arrays.copyOfRange(xs, 2, xs.length));
        int planes = xs[0] * xs[1], inSpatial = g.inSize(), outSpatial = g.outSize(), kSize = g.kernelSize();
        int[] outShape = xs.clone();
        System.arraycopy(g.out, 0, outShape, 2, nd);
        double[] x = TypeChecks.toDoubles(tx);
        double[] y = new double[Tensor.checkedSize(outShape, "output")];
        boolean wantIndices = kind == Kind.MAX && ctx.outputCount() > 1;
        long[] indices = wantIndices ? new long[y.length] : null;
        boolean columnMajor = ctx.attrInt("storage_order", 0) != 0;
        boolean includePad = ctx.attrInt("count_include_pad", 0) != 0;
        double p = kind == Kind.LP ? ctx.attrInt("p", 2) : 0;
        int[] oc = new int[nd], kc = new int[nd], pos = new int[nd];
        for (int o = 0; o < outSpatial; o++) {
            ConvOp.unflatten(o, g.out, oc);
            // The in-bounds kernel offsets of this window, as flat spatial input indices.
            int[] window = new int[kSize];
            int count = 0;
            long padded = 1;
            for (int d = 0; d < nd; d++) padded *= paddedCount(g, d, oc[d]);
            for (int k = 0; k < kSize; k++) {
                ConvOp.unflatten(k, g.kernel, kc);
                int flat = 0;
                boolean inside = true;
                for (int d = 0; d < nd; d++) {
                    pos[d] = oc[d] * g.strides[d] - g.padBegin[d] + kc[d] * g.dilations[d];
                    if (pos[d] < 0 || pos[d] >= g.in[d]) { inside = false; break; }
                    flat = flat * g.in[d] + pos[d];
                }
                if (inside) window[count++] = flat;
            }
            for (int plane = 0; plane < planes; plane++) {
                int base = plane * inSpatial;
                double acc;
                if (kind == Kind.MAX) {
                    acc = Double.NEGATIVE_INFINITY;
                    int arg = -1;
                    for (int i = 0; i < count; i++) {
                        double v = x[base + window[i]];
                        if (v > acc || arg < 0) { acc = v; arg = window[i]; }
                    }
                    if (count == 0) acc = Double.NEGATIVE_INFINITY;
                    if (wantIndices) indices[plane * outSpatial + o] = arg < 0 ? -1 : base + spatialIndex(arg, g.in, columnMajor);
                } else if (kind == Kind.AVERAGE) {
                    acc = 0;
                    for (int i = 0; i < count; i++) acc += x[base + window[i]];
                    acc /= includePad ? padded : count;
                } else {
                    acc = 0;
                    for (int i = 0; i < count; i++) acc += Math.pow(Math.abs(x[base + window[i]]), p);
                    acc = Math.pow(acc, 1 / p);
                }
                y[plane * outSpatial + o] = acc;
            }
        }
        Tensor out;
        if (tx.dtype().isFloating()) {
            float[] f = new float[y.length];
            for (int i = 0; i < f.length; i++) f[i] = (float) y[i];
            out = Tensor.ofFloats(tx.dtype(), outShape, f);
        } else {
            long[] l = new long[y.length];
            for (int i = 0; i < l.length; i++) l[i] = PortableCasts.toLong(y[i]);
            out = Tensor.ofLongs(tx.dtype(), outShape, l);
        }
        return wantIndices ? new Tensor[] {out, Tensor.ofLongs(outShape, indices)} : new Tensor[] {out};
    }

    /** Window positions along axis d (output index o) that lie inside [-padBegin, in + padEnd). */
    private static int paddedCount(SpatialGeometry g, int d, int o) {
        int c = 0;
        int padEnd = g.in[d] + g.padEnd[d];
        for (int k = 0; k < g.kernel[d]; k++) {
            int pos = o * g.strides[d] - g.padBegin[d] + k * g.dilations[d];
            if (pos >= -g.padBegin[d] && pos < padEnd) c++;
        }
        return c;
    }

    /** Row-major flat spatial index re-expressed in column-major order when asked (storage_order=1). */
    private static int spatialIndex(int rowMajor, int[] in, boolean columnMajor) {
        if (!columnMajor) return rowMajor;
        int[] c = new int[in.length];
        ConvOp.unflatten(rowMajor, in, c);
        int flat = 0;
        for (int d = in.length - 1; d >= 0; d--) flat = flat * in[d] + c[d];
        return flat;
    }
}
