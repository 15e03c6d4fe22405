package dev.nnjit.runtime.webgpu;

import dev.nnjit.codegen.ConvKernel;
import dev.nnjit.codegen.ConvProblem;
import dev.nnjit.codegen.ConvTransposeKernel;
import dev.nnjit.codegen.ConvTransposeProblem;
import dev.nnjit.codegen.Wgsl;
import dev.nnjit.ops.nn.SpatialGeometry;
import dev.nnjit.tune.TuningSites;
import java.util.Arrays;

/**
 * Conv as an implicit GEMM ({@link ConvKernel}) and ConvTranspose in gather form ({@link ConvTransposeKernel}),
 * any spatial rank, groups, strides, dilations and padding. Conv's windows come from the reference's
 * {@link SpatialGeometry}; ConvTranspose's padding is derived as dev.nnjit.ops.nn.ConvTransposeOp derives it (the
 * output size itself is the inferred type's).
 */
final class ConvLowerings {
    private ConvLowerings() {}

    static void register(LoweringTable t) {
        t.add("Conv", ConvLowerings::conv);
        t.add("ConvTranspose", ConvLowerings::convTranspose);
    }

    private static void requireFloat(NodeLowering n) {
        if (!n.inDType(0).isFloating()) throw n.unsupported("input is " + n.inDType(0) + "; only float");
    }

    private static void conv(NodeLowering n) {
        requireFloat(n);
        int[] x = n.inShape(0);
        int[] w = n.inShape(1);
        int[] y = n.outShape(0);
        if (x.length < 3) throw n.error("X must have rank >= 3, got " + Arrays.toString(x));
        if (Wgsl.product(y) == 0) { n.out(0); return; }
        int nd = x.length - 2;
        int[] in = Arrays.copyOfRange(x, 2, x.length);
        SpatialGeometry g = SpatialGeometry.of(n.op(), in,
                SpatialGeometry.kernel(n.op(), nd, Arrays.copyOfRange(w, 2, w.length)), false);
        if (!Arrays.equals(g.out, Arrays.copyOfRange(y, 2, y.length))) {
            throw n.error("internal error: conv geometry " + Arrays.toString(g.out) + " differs from the inferred "
                    + Arrays.toString(y));
        }
        int group = (int) n.op().attrInt("group", 1);
        if (Wgsl.product(x) == 0 || w[1] == 0) throw n.unsupported("convolution over an empty input");
        boolean bias = n.hasInput(2);
        ConvProblem p = new ConvProblem(x[0], x[1], in, w[0], g.kernel, group, g.strides, g.dilations, g.padBegin, g.out,
                bias);
        var site = TuningSites.conv(p, n.limits(), n.features());
        if (bias) n.dispatch(site, n.in(0), n.in(1), n.in(2), n.out(0));
        else n.dispatch(site, n.in(0), n.in(1), n.out(0));
    }

    private static void convTranspose(NodeLowering n) {
        requireFloat(n);
        int[] x = n.inShape(0);
        int[] w = n.inShape(1);
        int[] y = n.outShape(0);
        if (x.length < 3) throw n.error("X must have rank >= 3, got " + Arrays.toString(x));
        if (Wgsl.product(y) == 0) { n.out(0); return; }
        if (Wgsl.product(x) == 0) throw n.unsupported("transposed convolution of an empty input");
        int nd = x.length - 2;
        int[] in = Arrays.copyOfRange(x, 2, x.length);
        int[] out = Arrays.copyOfRange(y, 2, y.length);
        int[] kernel = SpatialGeometry.kernel(n.op(), nd, Arrays.copyOfRange(w, 2, w.length));
        int[] strides = SpatialGeometry.ints(n.op(), "strides", nd, 1);
        int[] dilations = SpatialGeometry.ints(n.op(), "dilations", nd, 1);
        int[] outPad = SpatialGeometry.ints(n.op(), "output_padding", nd, 0);
        String autoPad = n.op().attrString("auto_pad", "NOTSET");
        boolean derived = n.op().hasAttr("output_shape") || autoPad.startsWith("SAME");
        long[] pads = autoPad.equals("NOTSET") ? n.op().attrInts("pads", new long[2 * nd]) : new long[2 * nd];
        int[] padBegin = new int[nd];
        for (int i = 0; i < nd; i++) {
            if (derived) {
                int dk = (kernel[i] - 1) * dilations[i] + 1;
                int full = strides[i] * (in[i] - 1) + outPad[i] + dk;
                int total = Math.max(0, full - out[i]);
                padBegin[i] = autoPad.equals("SAME_UPPER") ? total / 2 : total - total / 2;
            } else {
                padBegin[i] = (int) pads[i];
            }
        }
        int group = (int) n.op().attrInt("group", 1);
        boolean bias = n.hasInput(2);
        ConvTransposeProblem p = new ConvTransposeProblem(x[0], x[1], in, y[1], kernel, group, strides, dilations,
                padBegin, out, bias);
        var k = TuningSites.item(ConvTransposeKernel.INSTANCE, p, n.limits(), n.features());
        if (bias) n.dispatch(k, n.in(0), n.in(1), n.in(2), n.out(0));
        else n.dispatch(k, n.in(0), n.in(1), n.out(0));
    }
}
