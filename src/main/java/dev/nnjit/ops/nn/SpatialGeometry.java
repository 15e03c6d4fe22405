package dev.nnjit.ops.nn;

import dev.nnjit.ops.OpContext;
import java.util.Arrays;

/**
 * The sliding-window geometry shared by Conv and the pools: per spatial axis the kernel size, stride, dilation,
 * padding at both ends and output size, from the attributes kernel_shape, strides, dilations, pads, auto_pad and
 * (pools) ceil_mode. Public so that GPU lowerings derive exactly the same windows.
 *
 * <p>Output size per axis, with dk = (kernel - 1) * dilation + 1:
 * <ul>
 *   <li>NOTSET: floor((in + padBegin + padEnd - dk) / stride) + 1, or with ceil_mode the ceiling, minus one if the
 *       last window would start in the end padding (such windows are dropped, as the spec says);</li>
 *   <li>VALID: no padding, floor((in - dk) / stride) + 1;</li>
 *   <li>SAME_UPPER / SAME_LOWER: ceil(in / stride), padded by max(0, (out - 1) * stride + dk - in) split evenly,
 *       the odd element at the end (UPPER) or the beginning (LOWER).</li>
 * </ul>
 */
public final class SpatialGeometry {
    public final int[] kernel, strides, dilations, padBegin, padEnd, in, out;

    private SpatialGeometry(int[] kernel, int[] strides, int[] dilations, int[] padBegin, int[] padEnd, int[] in, int[] out) {
        this.kernel = kernel;
        this.strides = strides;
        this.dilations = dilations;
        this.padBegin = padBegin;
        this.padEnd = padEnd;
        this.in = in;
        this.out = out;
    }

    int rank() { return in.length; }

    /**
     * Geometry for known spatial input sizes; {@code in[i] < 0} marks an unknown size, whose output is then -1 too
     * (type inference). {@code kernel} comes from kernel_shape or the weight's dims.
     */
    public static SpatialGeometry of(OpContext ctx, int[] in, int[] kernel, boolean ceilMode) {
        int n = in.length;
        for (int k : kernel) if (k <= 0) throw ctx.error("kernel dims must be positive, got " + Arrays.toString(kernel));
        int[] strides = ints(ctx, "strides", n, 1);
        int[] dilations = ints(ctx, "dilations", n, 1);
        for (int i = 0; i < n; i++) {
            if (strides[i] <= 0) throw ctx.error("strides must be positive, got " + Arrays.toString(strides));
            if (dilations[i] <= 0) throw ctx.error("dilations must be positive, got " + Arrays.toString(dilations));
        }
        String autoPad = ctx.attrString("auto_pad", "NOTSET");
        int[] pb = new int[n], pe = new int[n], out = new int[n];
        if (autoPad.equals("NOTSET")) {
            long[] pads = ctx.attrInts("pads", new long[2 * n]);
            if (pads.length != 2 * n) throw ctx.error("pads must have " + 2 * n + " values, got " + Arrays.toString(pads));
            for (int i = 0; i < n; i++) {
                pb[i] = (int) pads[i];
                pe[i] = (int) pads[i + n];
                if (pb[i] < 0 || pe[i] < 0) throw ctx.error("pads must be non-negative, got " + Arrays.toString(pads));
            }
        } else if (!autoPad.equals("VALID") && !autoPad.equals("SAME_UPPER") && !autoPad.equals("SAME_LOWER")) {
            throw ctx.error("unknown auto_pad '" + autoPad + "'");
        }
        for (int i = 0; i < n; i++) {
            if (in[i] < 0) { out[i] = -1; continue; }
            int dk = (kernel[i] - 1) * dilations[i] + 1;
            if (autoPad.startsWith("SAME")) {
                out[i] = (in[i] + strides[i] - 1) / strides[i];
                int total = Math.max(0, (out[i] - 1) * strides[i] + dk - in[i]);
                pb[i] = autoPad.equals("SAME_UPPER") ? total / 2 : total - total / 2;
                pe[i] = total - pb[i];
                continue;
            }
            int span = in[i] + pb[i] + pe[i] - dk;
            if (span < 0) {
                throw ctx.error("kernel extent " + dk + " exceeds padded input size " + (in[i] + pb[i] + pe[i])
                        + " on spatial axis " + i);
            }
            out[i] = (ceilMode ? (span + strides[i] - 1) / strides[i] : span / strides[i]) + 1;
            if (ceilMode && (out[i] - 1) * strides[i] >= in[i] + pb[i]) out[i]--;
        }
        return new SpatialGeometry(kernel, strides, dilations, pb, pe, in.clone(), out);
    }

    /** An INTS attribute of exactly n values, or n copies of dflt when absent. */
    public static int[] ints(OpContext ctx, String name, int n, int dflt) {
        long[] v = ctx.attrInts(name, null);
        int[] r = new int[n];
        if (v == null) { Arrays.fill(r, dflt); return r; }
        if (v.length != n) throw ctx.error(name + " must have " + n + " values, got " + Arrays.toString(v));
        for (int i = 0; i < n; i++) r[i] = (int) v[i];
        return r;
    }

    /** kernel_shape when given (checked against the weight's spatial dims when those are known), else the weight's. */
    public static int[] kernel(OpContext ctx, int n, int[] weightSpatial) {
        long[] ks = ctx.attrInts("kernel_shape", null);
        if (ks == null) {
            if (weightSpatial == null) throw ctx.error("attribute 'kernel_shape' is required");
            return weightSpatial;
        }
        if (ks.length != n) throw ctx.error("kernel_shape must have " + n + " values, got " + Arrays.toString(ks));
        int[] k = new int[n];
        for (int i = 0; i < n; i++) {
            k[i] = (int) ks[i];
            if (weightSpatial != null && weightSpatial[i] >= 0 && weightSpatial[i] != k[i]) {
                throw ctx.error("kernel_shape " + Arrays.toString(ks) + " disagrees with weight spatial dims "
                        + Arrays.toString(weightSpatial));
            }
        }
        return k;
    }

    int outSize() {
        int s = 1;
        for (int o : out) s *= o;
        return s;
    }

    int inSize() {
        int s = 1;
        for (int i : in) s *= i;
        return s;
    }

    int kernelSize() {
        int s = 1;
        for (int k : kernel) s *= k;
        return s;
    }
}
