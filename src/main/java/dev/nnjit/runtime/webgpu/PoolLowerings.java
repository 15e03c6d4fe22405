package dev.nnjit.runtime.webgpu;

import dev.nnjit.codegen.PoolKernel;
import dev.nnjit.codegen.PoolProblem;
import dev.nnjit.codegen.ReduceProblem;
import dev.nnjit.codegen.Wgsl;
import dev.nnjit.ops.nn.SpatialGeometry;
import dev.nnjit.tune.TuningSites;
import java.util.Arrays;

/**
 * MaxPool (with its optional Indices output), AveragePool and LpPool on the pooling kernel, with the reference's
 * window geometry ({@link SpatialGeometry}: pads, auto_pad, ceil_mode, dilations). The global pools reduce every
 * spatial position of each (n, c) plane: GlobalAveragePool and GlobalMaxPool (f32), and GlobalLpPool with p = 2,
 * as row reductions; GlobalLpPool with another p as one whole-plane pooling window.
 */
final class PoolLowerings {
    private PoolLowerings() {}

    static void register(LoweringTable t) {
        t.add("MaxPool", n -> pool(n, PoolProblem.Kind.MAX));
        t.add("AveragePool", n -> pool(n, PoolProblem.Kind.AVERAGE));
        t.add("LpPool", n -> pool(n, PoolProblem.Kind.LP));
        t.add("GlobalAveragePool", n -> global(n, ReduceProblem.Op.MEAN, PoolProblem.Kind.AVERAGE));
        t.add("GlobalMaxPool", n -> global(n, ReduceProblem.Op.MAX, PoolProblem.Kind.MAX));
        t.add("GlobalLpPool", n -> global(n, n.op().attrInt("p", 2) == 2 ? ReduceProblem.Op.L2 : null,
                PoolProblem.Kind.LP));
    }

    private static void pool(NodeLowering n, PoolProblem.Kind kind) {
        int[] x = n.inShape(0);
        int[] y = n.outShape(0);
        if (x.length < 3) throw n.error("X must have rank >= 3, got " + Arrays.toString(x));
        if (Wgsl.product(y) == 0) {
            for (int k = 0; k < n.outputCount(); k++) if (n.outputUsed(k)) n.out(k);
            return;
        }
        if (kind != PoolProblem.Kind.MAX && !n.inDType(0).isFloating()) {
            throw n.unsupported("input is " + n.inDType(0) + "; only float");
        }
        if (!n.op().hasAttr("kernel_shape")) throw n.error("attribute 'kernel_shape' is required");
        int nd = x.length - 2;
        int[] in = Arrays.copyOfRange(x, 2, x.length);
        SpatialGeometry g = SpatialGeometry.of(n.op(), in, SpatialGeometry.kernel(n.op(), nd, null),
                n.op().attrInt("ceil_mode", 0) != 0);
        if (!Arrays.equals(g.out, Arrays.copyOfRange(y, 2, y.length))) {
            throw n.error("internal error: pool geometry " + Arrays.toString(g.out) + " differs from the inferred "
                    + Arrays.toString(y));
        }
        boolean indices = kind == PoolProblem.Kind.MAX && n.outputCount() > 1 && n.outputUsed(1);
        PoolProblem p = new PoolProblem(kind, n.in(0).type(), x[0], x[1], in, g.kernel, g.strides, g.dilations,
                g.padBegin, g.padEnd, g.out, n.op().attrInt("count_include_pad", 0) != 0, (int) n.op().attrInt("p", 2),
                indices, n.op().attrInt("storage_order", 0) != 0);
        var k = TuningSites.item(PoolKernel.INSTANCE, p, n.limits(), n.features());
        if (indices) n.dispatch(k, n.in(0), n.out(0), n.out(1));
        else n.dispatch(k, n.in(0), n.out(0));
    }

    private static void global(NodeLowering n, ReduceProblem.Op op, PoolProblem.Kind kind) {
        int[] x = n.inShape(0);
        if (x.length < 3) throw n.error("X must have rank >= 3, got " + Arrays.toString(x));
        if (Wgsl.product(n.outShape(0)) == 0) { n.out(0); return; }
        if (!n.inDType(0).isFloating()) throw n.unsupported("input is " + n.inDType(0) + "; only float");
        int nd = x.length - 2;
        int[] in = Arrays.copyOfRange(x, 2, x.length);
        if (Wgsl.product(in) == 0) throw n.unsupported("pooling over an empty spatial extent");
        if (op != null) {
            int[] axes = new int[nd];
            for (int d = 0; d < nd; d++) axes[d] = d + 2;
            n.dispatch(TuningSites.reduce(new ReduceProblem(op, x, axes), n.limits(), n.features()), n.in(0), n.out(0));
            return;
        }
        int[] ones = new int[nd];
        Arrays.fill(ones, 1);
        int[] zeros = new int[nd];
        PoolProblem p = new PoolProblem(kind, n.in(0).type(), x[0], x[1], in, in, ones, ones, zeros, zeros, ones, false,
                (int) n.op().attrInt("p", 2), false, false);
        n.dispatch(TuningSites.item(PoolKernel.INSTANCE, p, n.limits(), n.features()), n.in(0), n.out(0));
    }
}
