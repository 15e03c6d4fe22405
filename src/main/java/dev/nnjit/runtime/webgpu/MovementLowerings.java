package dev.nnjit.runtime.webgpu;

import dev.nnjit.codegen.ElementwiseInput;
import dev.nnjit.codegen.OneHotKernel;
import dev.nnjit.codegen.OneHotProblem;
import dev.nnjit.codegen.PadKernel;
import dev.nnjit.codegen.PadProblem;
import dev.nnjit.codegen.TriluKernel;
import dev.nnjit.codegen.TriluProblem;
import dev.nnjit.codegen.Wgsl;
import dev.nnjit.ops.Broadcasting;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tune.TuningSites;
import java.util.Arrays;

/**
 * Data-movement ops. Tile, DepthToSpace and SpaceToDepth are one elementwise copy through a strided view: the
 * output is seen with a higher-rank shape whose element order is its own (Tile's [r0, d0, r1, d1, ...]; the
 * 6-D block shapes of the spec's reshape-transpose-reshape definitions) and every dim of that shape reads the input
 * with a fixed stride (0 along repeats). Pad, Trilu and OneHot have their own index-mapping kernels. Operands that
 * decide shapes or kernel parameters (repeats, pads, axes, k, depth) must be compile-time constants.
 */
final class MovementLowerings {
    private MovementLowerings() {}

    static void register(LoweringTable t) {
        t.add("Tile", MovementLowerings::tile);
        t.add("DepthToSpace", MovementLowerings::depthToSpace);
        t.add("SpaceToDepth", MovementLowerings::spaceToDepth);
        t.add("Pad", MovementLowerings::pad);
        t.add("Trilu", MovementLowerings::trilu);
        t.add("OneHot", MovementLowerings::oneHot);
        t.wrap("Dropout", dropout -> n -> {
            if (n.outputCount() > 1 && n.outputUsed(1)) dropoutWithMask(n);
            else dropout.lower(n);
        });
    }

    /**
     * Dropout whose mask output is used: in inference (and in training with ratio 0) the output is the input and
     * the mask is all true. Training with a positive ratio draws random numbers, which this backend does not do.
     * The ratio and training_mode inputs must be compile-time constants.
     */
    private static void dropoutWithMask(NodeLowering n) {
        boolean training = false;
        if (n.op().opset() >= 12 && n.inputCount() > 2 && n.hasInput(2)) {
            Tensor tm = n.constant(2);
            if (tm == null) throw n.unsupported("training_mode computed at run time");
            training = tm.getDouble(0) != 0;
        }
        if (training) {
            double ratio = 0.5;
            if (n.inputCount() > 1 && n.hasInput(1)) {
                Tensor r = n.constant(1);
                if (r == null) throw n.unsupported("ratio computed at run time");
                ratio = r.getDouble(0);
            }
            if (ratio != 0) throw n.unsupported("training-mode Dropout with ratio " + ratio + " draws random numbers");
        }
        n.view(0, n.in(0));
        int[] mask = n.outShape(1);
        if (Wgsl.product(mask) == 0) { n.out(1); return; }
        ElementwiseBuilder b = new ElementwiseBuilder(n, mask);
        b.emit(dev.nnjit.codegen.ElementwiseExpr.constant(1, dev.nnjit.codegen.ScalarType.BOOL), n.out(1));
    }

    /** Copies input 0 into output 0, the output seen as {@code viewShape} reading the input at {@code strides}. */
    private static void copyThrough(NodeLowering n, int[] viewShape, int[] strides) {
        GpuTensor x = n.in(0);
        ElementwiseBuilder b = new ElementwiseBuilder(n, viewShape);
        b.emit(b.bindView(x, new ElementwiseInput(x.type(), Wgsl.atLeast1d(x.shape()), 0, strides)), n.out(0));
    }

    private static void tile(NodeLowering n) {
        int[] in = n.inShape(0);
        if (Wgsl.product(n.outShape(0)) == 0) { n.out(0); return; }
        long[] repeats = constantLongs(n, 1, "repeats");
        if (repeats.length != in.length) throw n.error("repeats has " + repeats.length + " values for rank " + in.length);
        if (in.length == 0) { // a scalar tiles to itself
            ViewLowerings.copy(n, ElementwiseInput.broadcast(n.in(0).type(), new int[] {1}, new int[] {1}));
            return;
        }
        int[] strides = Broadcasting.contiguousStrides(in);
        int[] view = new int[2 * in.length];
        int[] vs = new int[2 * in.length];
        for (int d = 0; d < in.length; d++) {
            view[2 * d] = (int) repeats[d];
            view[2 * d + 1] = in[d];
            vs[2 * d + 1] = strides[d];
        }
        copyThrough(n, view, vs);
    }

    private static int blocksize(NodeLowering n) {
        long b = n.op().attrIntRequired("blocksize");
        if (b <= 0) throw n.error("blocksize must be positive, got " + b);
        return (int) b;
    }

    /** DCR: x as [N, b, b, C', H, W] → out [N, C', H, b, W, b]; CRD: x as [N, C', b, b, H, W]. */
    private static void depthToSpace(NodeLowering n) {
        int[] x = n.inShape(0);
        if (x.length != 4) throw n.unsupported("input of rank " + x.length + "; DepthToSpace is defined for 4-D");
        if (Wgsl.product(x) == 0) { n.out(0); return; }
        int b = blocksize(n);
        int c2 = x[1] / (b * b);
        boolean crd = n.op().attrString("mode", "DCR").equals("CRD");
        int[] six = crd ? new int[] {x[0], c2, b, b, x[2], x[3]} : new int[] {x[0], b, b, c2, x[2], x[3]};
        int[] s = Broadcasting.contiguousStrides(six);
        int[] view = {x[0], c2, x[2], b, x[3], b};
        int[] strides = crd ? new int[] {s[0], s[1], s[4], s[2], s[5], s[3]}
                : new int[] {s[0], s[3], s[4], s[1], s[5], s[2]};
        copyThrough(n, view, strides);
    }

    /** x as [N, C, H', b, W', b] → out [N, b, b, C, H', W']. */
    private static void spaceToDepth(NodeLowering n) {
        int[] x = n.inShape(0);
        if (x.length != 4) throw n.unsupported("input of rank " + x.length + "; SpaceToDepth is defined for 4-D");
        if (Wgsl.product(x) == 0) { n.out(0); return; }
        int b = blocksize(n);
        int h = x[2] / b, w = x[3] / b;
        int[] s = Broadcasting.contiguousStrides(new int[] {x[0], x[1], h, b, w, b});
        copyThrough(n, new int[] {x[0], b, b, x[1], h, w}, new int[] {s[0], s[3], s[5], s[1], s[2], s[4]});
    }

    private static void pad(NodeLowering n) {
        int[] in = n.inShape(0);
        int[] out = n.outShape(0);
        if (Wgsl.product(out) == 0) { n.out(0); return; }
        int r = in.length;
        String modeName;
        long[] pads;
        long[] axes = null;
        double value = 0;
        boolean valueBound = false;
        if (n.op().opset() < 11) {
            modeName = n.op().attrString("mode", "constant");
            pads = n.op().attrInts("pads", null);
            if (pads == null) throw n.error("attribute pads is required");
            value = n.op().attrFloat("value", 0f);
        } else {
            modeName = n.op().attrString("mode", "constant");
            pads = constantLongs(n, 1, "pads");
            if (n.inputCount() > 2 && n.hasInput(2)) {
                Tensor v = n.constant(2);
                if (v == null) valueBound = true;
                else if (v.size() > 0) value = v.getDouble(0);
            }
            if (n.inputCount() > 3 && n.hasInput(3)) axes = constantLongs(n, 3, "axes");
        }
        int[] axisList = new int[axes == null ? r : axes.length];
        for (int i = 0; i < axisList.length; i++) {
            axisList[i] = axes == null ? i : ReductionLowerings.axis(n, axes[i], r);
        }
        if (pads.length != 2 * axisList.length) {
            throw n.error("pads has " + pads.length + " values for " + axisList.length + " axes");
        }
        int[] begin = new int[r];
        for (int i = 0; i < axisList.length; i++) begin[axisList[i]] = (int) pads[i];
        PadProblem.Mode mode;
        switch (modeName) {
            case "constant": mode = PadProblem.Mode.CONSTANT; break;
            case "edge": mode = PadProblem.Mode.EDGE; break;
            case "reflect": mode = PadProblem.Mode.REFLECT; break;
            case "wrap": mode = PadProblem.Mode.WRAP; break;
            default: throw n.error("unknown mode '" + modeName + "'");
        }
        if (Wgsl.product(in) == 0) throw n.unsupported("padding an empty tensor");
        GpuTensor x = n.in(0);
        int[] in1 = Wgsl.atLeast1d(in);
        PadProblem p = new PadProblem(x.type(), in1, r == 0 ? new int[] {0} : begin, Wgsl.atLeast1d(out), mode,
                value, valueBound);
        if (valueBound) {
            n.dispatch(TuningSites.item(PadKernel.INSTANCE, p, n.limits(), n.features()), x, n.in(2), n.out(0));
        } else {
            n.dispatch(TuningSites.item(PadKernel.INSTANCE, p, n.limits(), n.features()), x, n.out(0));
        }
    }

    private static void trilu(NodeLowering n) {
        int[] s = n.inShape(0);
        if (Wgsl.product(s) == 0) { n.out(0); return; }
        long k = 0;
        if (n.inputCount() > 1 && n.hasInput(1)) {
            long[] kk = constantLongs(n, 1, "k");
            if (kk.length != 1) throw n.error("k must be a scalar");
            k = kk[0];
        }
        TriluProblem p = new TriluProblem(n.in(0).type(), s, n.op().attrInt("upper", 1) != 0, k);
        n.dispatch(TuningSites.item(TriluKernel.INSTANCE, p, n.limits(), n.features()), n.in(0), n.out(0));
    }

    private static void oneHot(NodeLowering n) {
        int[] out = n.outShape(0);
        if (Wgsl.product(out) == 0) { n.out(0); return; }
        int[] ind = n.inShape(0);
        Tensor depthT = n.constant(1);
        if (depthT == null) throw n.unsupported("depth computed at run time (it decides the output shape)");
        long depth = (long) depthT.getDouble(0);
        int axis = ReductionLowerings.axis(n, n.op().attrInt("axis", -1), ind.length + 1);
        OneHotProblem p;
        try {
            p = new OneHotProblem(n.in(0).type(), ind, (int) depth, axis, n.in(2).type());
        } catch (IllegalArgumentException e) {
            throw n.unsupported(e.getMessage());
        }
        if (!Arrays.equals(p.outShape(), out)) throw n.error("internal error: OneHot shape " + Arrays.toString(p.outShape()));
        n.dispatch(TuningSites.item(OneHotKernel.INSTANCE, p, n.limits(), n.features()), n.in(0), n.in(2),
                n.out(0));
    }

    static long[] constantLongs(NodeLowering n, int i, String what) {
        Tensor c = n.constant(i);
        if (c == null) throw n.unsupported(what + " computed at run time (the webgpu backend needs it at compile time)");
        return c.toLongArray();
    }
}
