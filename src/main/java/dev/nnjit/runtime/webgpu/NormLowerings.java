package dev.nnjit.runtime.webgpu;

import dev.nnjit.codegen.ElementwiseExpr;
import dev.nnjit.codegen.ElementwiseInput;
import dev.nnjit.codegen.PoolKernel;
import dev.nnjit.codegen.PoolProblem;
import dev.nnjit.codegen.ReduceProblem;
import dev.nnjit.codegen.ScalarType;
import dev.nnjit.codegen.Wgsl;
import dev.nnjit.ops.fused.ElementwiseOp;
import dev.nnjit.tensor.DType;
import dev.nnjit.tune.TuningSites;
import java.util.Arrays;

/**
 * Normalizations built from row reductions and elementwise kernels: BatchNormalization (inference, and training
 * mode with batch statistics and running averages), InstanceNormalization, GroupNormalization,
 * MeanVarianceNormalization, LpNormalization, LRN (a channel-window average on the pooling kernel), and
 * LayerNormalization when its Mean / InvStdDev outputs are used (otherwise {@link ReductionLowerings}' fused norm
 * kernel runs; this wraps it, so must be registered after it).
 *
 * <p>Statistics are two-pass (mean, then the sum of squares of x - mean), in f32, which stays close to the
 * reference's double statistics where E[x^2] - E[x]^2 would cancel.
 */
final class NormLowerings {
    private NormLowerings() {}

    static void register(LoweringTable t) {
        t.add("BatchNormalization", NormLowerings::batchNorm);
        t.add("InstanceNormalization", NormLowerings::instanceNorm);
        t.add("GroupNormalization", NormLowerings::groupNorm);
        t.add("MeanVarianceNormalization", NormLowerings::meanVarianceNorm);
        t.add("LpNormalization", NormLowerings::lpNorm);
        t.add("LRN", NormLowerings::lrn);
        t.wrap("LayerNormalization", fused -> n -> {
            boolean stats = (n.outputCount() > 1 && n.outputUsed(1)) || (n.outputCount() > 2 && n.outputUsed(2));
            if (!stats) fused.lower(n);
            else layerNormWithStats(n);
        });
    }

    private static void requireFloat(NodeLowering n) {
        if (!n.inDType(0).isFloating()) throw n.unsupported("input is " + n.inDType(0) + "; only float");
    }

    /** A tensor holding one value per coordinate of the kept (unreduced) dims, read at every position of shape. */
    static ElementwiseInput keptView(GpuTensor t, int[] shape, boolean[] reduced) {
        int[] strides = new int[shape.length];
        long s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (reduced[d]) continue;
            strides[d] = (int) s;
            s *= shape[d];
        }
        return new ElementwiseInput(t.type(), new int[] {(int) t.elements()}, 0, strides);
    }

    /** A [C] tensor read along dim {@code axis} of shape. */
    private static ElementwiseInput along(GpuTensor t, int[] shape, int axis, int stride) {
        int[] strides = new int[shape.length];
        strides[axis] = stride;
        return new ElementwiseInput(t.type(), new int[] {(int) t.elements()}, 0, strides);
    }

    private static boolean[] mask(int rank, int[] axes) {
        boolean[] r = new boolean[rank];
        for (int a : axes) r[a] = true;
        return r;
    }

    private static long count(int[] shape, int[] axes) {
        long c = 1;
        for (int a : axes) c *= shape[a];
        return c;
    }

    /** Mean (into meanTarget, or a scratch), x - mean, and the sum of squares of x - mean over axes. */
    private record Stats(GpuTensor mean, GpuTensor centered, GpuTensor sumSquares, ElementwiseInput keptView) {}

    private static Stats stats(NodeLowering n, GpuTensor x, int[] shape, int[] axes, GpuTensor meanTarget) {
        boolean[] red = mask(shape.length, axes);
        int rows = (int) (Wgsl.product(shape) / count(shape, axes));
        GpuTensor mean = meanTarget != null ? meanTarget : n.scratch("mean", DType.FLOAT, new int[] {rows});
        n.dispatch(TuningSites.reduce(new ReduceProblem(ReduceProblem.Op.MEAN, shape, axes), n.limits(), n.features()), x, mean);
        GpuTensor centered = n.scratch("centered", DType.FLOAT, shape);
        ElementwiseBuilder b = new ElementwiseBuilder(n, shape);
        ElementwiseInput kv = keptView(mean, shape, red);
        b.emit(ElementwiseExpr.sub(b.bindView(x, ElementwiseInput.broadcast(x.type(), shape, shape)),
                b.bindView(mean, kv)), centered);
        GpuTensor ss = n.scratch("sum_squares", DType.FLOAT, new int[] {rows});
        n.dispatch(TuningSites.reduce(new ReduceProblem(ReduceProblem.Op.SUM_SQUARE, shape, axes), n.limits(), n.features()), centered,
                ss);
        return new Stats(mean, centered, ss, kv);
    }

    /** 1 / sqrt(sumSquares / count + eps) into target (or a scratch of the stats' row count). */
    private static GpuTensor invStd(NodeLowering n, Stats s, long count, float eps, GpuTensor target) {
        GpuTensor out = target != null ? target : n.scratch("inv_std", DType.FLOAT, new int[] {(int) s.sumSquares.elements()});
        int[] shape = {(int) s.sumSquares.elements()};
        ElementwiseBuilder b = new ElementwiseBuilder(n, shape);
        ElementwiseExpr var = ElementwiseExpr.div(b.bind(s.sumSquares), ElementwiseExpr.f32(count));
        b.emit(ElementwiseExpr.unary(ElementwiseOp.RECIPROCAL, ElementwiseExpr.unary(ElementwiseOp.SQRT,
                ElementwiseExpr.add(var, ElementwiseExpr.f32(eps)))), out);
        return out;
    }

    private static void batchNorm(NodeLowering n) {
        requireFloat(n);
        int[] shape = n.inShape(0);
        if (shape.length < 2) throw n.error("X must have rank >= 2, got " + Arrays.toString(shape));
        if (Wgsl.product(shape) == 0) { n.out(0); return; }
        float eps = n.op().attrFloat("epsilon", 1e-5f);
        boolean training = n.op().opset() >= 14 && n.op().attrInt("training_mode", 0) != 0;
        GpuTensor x = n.in(0);
        ElementwiseBuilder b = new ElementwiseBuilder(n, shape);
        ElementwiseExpr scale = b.bindView(n.in(1), along(n.in(1), shape, 1, 1));
        ElementwiseExpr bias = b.bindView(n.in(2), along(n.in(2), shape, 1, 1));
        if (!training) {
            ElementwiseExpr mean = b.bindView(n.in(3), along(n.in(3), shape, 1, 1));
            ElementwiseExpr var = b.bindView(n.in(4), along(n.in(4), shape, 1, 1));
            ElementwiseExpr xc = ElementwiseExpr.sub(b.bind(x), mean);
            ElementwiseExpr k = ElementwiseExpr.div(scale, ElementwiseExpr.unary(ElementwiseOp.SQRT,
                    ElementwiseExpr.add(var, ElementwiseExpr.f32(eps))));
            b.emit(ElementwiseExpr.add(ElementwiseExpr.mul(xc, k), bias), n.out(0));
            return;
        }
        int[] axes = new int[shape.length - 1];
        axes[0] = 0;
        for (int d = 2; d < shape.length; d++) axes[d - 1] = d;
        long count = count(shape, axes);
        Stats s = stats(n, x, shape, axes, null);
        GpuTensor inv = invStd(n, s, count, eps, null);
        ElementwiseExpr y = ElementwiseExpr.add(ElementwiseExpr.mul(ElementwiseExpr.mul(b.bind(s.centered),
                b.bindView(inv, s.keptView)), scale), bias);
        b.emit(y, n.out(0));
        float momentum = n.op().attrFloat("momentum", 0.9f);
        int c = shape[1];
        if (n.outputCount() > 1 && n.outputUsed(1)) running(n, 1, n.in(3), s.mean, momentum, c, 1);
        if (n.outputCount() > 2 && n.outputUsed(2)) running(n, 2, n.in(4), s.sumSquares, momentum, c, count);
    }

    /** out = previous * momentum + (batch / divisor) * (1 - momentum), per channel. */
    private static void running(NodeLowering n, int k, GpuTensor previous, GpuTensor batch, float momentum, int c,
                                long divisor) {
        int[] shape = {c};
        ElementwiseBuilder b = new ElementwiseBuilder(n, shape);
        ElementwiseExpr cur = ElementwiseExpr.div(b.bind(batch), ElementwiseExpr.f32(divisor));
        b.emit(ElementwiseExpr.add(ElementwiseExpr.mul(b.bind(previous), ElementwiseExpr.f32(momentum)),
                ElementwiseExpr.mul(cur, ElementwiseExpr.f32(1 - momentum))), n.out(k));
    }

    private static void instanceNorm(NodeLowering n) {
        requireFloat(n);
        int[] shape = n.inShape(0);
        if (shape.length < 3) throw n.error("X must have rank >= 3, got " + Arrays.toString(shape));
        if (Wgsl.product(shape) == 0) { n.out(0); return; }
        int[] axes = new int[shape.length - 2];
        for (int d = 2; d < shape.length; d++) axes[d - 2] = d;
        Stats s = stats(n, n.in(0), shape, axes, null);
        GpuTensor inv = invStd(n, s, count(shape, axes), n.op().attrFloat("epsilon", 1e-5f), null);
        ElementwiseBuilder b = new ElementwiseBuilder(n, shape);
        b.emit(ElementwiseExpr.add(ElementwiseExpr.mul(ElementwiseExpr.mul(b.bind(s.centered), b.bindView(inv, s.keptView)),
                b.bindView(n.in(1), along(n.in(1), shape, 1, 1))), b.bindView(n.in(2), along(n.in(2), shape, 1, 1))),
                n.out(0));
    }

    /** x seen as [N, G, C/G * spatial]; scale and bias per group (opsets 18-20) or per channel (21+). */
    private static void groupNorm(NodeLowering n) {
        requireFloat(n);
        int[] shape = n.inShape(0);
        if (shape.length < 2) throw n.error("X must have rank >= 2, got " + Arrays.toString(shape));
        if (Wgsl.product(shape) == 0) { n.out(0); return; }
        int groups = (int) n.op().attrIntRequired("num_groups");
        int c = shape[1];
        if (groups <= 0 || c % groups != 0) throw n.error(c + " channels are not divisible by num_groups " + groups);
        int spatial = (int) Wgsl.product(shape, 2, shape.length);
        int cg = c / groups;
        int[] grouped = {shape[0], groups, cg * spatial};
        Stats s = stats(n, n.in(0), grouped, new int[] {2}, null);
        GpuTensor inv = invStd(n, s, (long) cg * spatial, n.op().attrFloat("epsilon", 1e-5f), null);
        int[] four = {shape[0], groups, cg, spatial};
        boolean perChannel = n.op().opset() >= 21;
        ElementwiseBuilder b = new ElementwiseBuilder(n, four);
        int[] statStrides = {groups, 1, 0, 0};
        int[] paramStrides = perChannel ? new int[] {0, cg, 1, 0} : new int[] {0, 1, 0, 0};
        GpuTensor scale = n.in(1), bias = n.in(2);
        ElementwiseExpr y = ElementwiseExpr.mul(ElementwiseExpr.mul(
                b.bindView(s.centered, new ElementwiseInput(ScalarType.F32, grouped, 0, Wgsl.contiguousStrides(four))),
                b.bindView(inv, new ElementwiseInput(ScalarType.F32, new int[] {(int) inv.elements()}, 0, statStrides))),
                b.bindView(scale, new ElementwiseInput(scale.type(), new int[] {(int) scale.elements()}, 0, paramStrides)));
        b.emit(ElementwiseExpr.add(y, b.bindView(bias, new ElementwiseInput(bias.type(), new int[] {(int) bias.elements()}, 0,
                paramStrides))), n.out(0));
    }

    /** (x - E[x]) / (sqrt(Var[x]) + 1e-9) over axes (default [0, 2, 3]), as the ONNX function body. */
    private static void meanVarianceNorm(NodeLowering n) {
        requireFloat(n);
        int[] shape = n.inShape(0);
        if (Wgsl.product(shape) == 0) { n.out(0); return; }
        long[] raw = n.op().attrInts("axes", new long[] {0, 2, 3});
        boolean[] red = new boolean[shape.length];
        for (long a : raw) red[ReductionLowerings.axis(n, a, shape.length)] = true;
        int k = 0;
        for (boolean r : red) if (r) k++;
        int[] axes = new int[k];
        for (int d = 0, i = 0; d < shape.length; d++) if (red[d]) axes[i++] = d;
        Stats s = stats(n, n.in(0), shape, axes, null);
        ElementwiseBuilder b = new ElementwiseBuilder(n, shape);
        ElementwiseExpr std = ElementwiseExpr.unary(ElementwiseOp.SQRT, ElementwiseExpr.div(b.bindView(s.sumSquares,
                s.keptView),
                ElementwiseExpr.f32(count(shape, axes))));
        b.emit(ElementwiseExpr.div(b.bind(s.centered), ElementwiseExpr.add(std, ElementwiseExpr.f32(1e-9))), n.out(0));
    }

    private static void lpNorm(NodeLowering n) {
        requireFloat(n);
        int[] shape = n.inShape(0);
        if (Wgsl.product(shape) == 0) { n.out(0); return; }
        int axis = ReductionLowerings.axis(n, n.op().attrInt("axis", -1), shape.length);
        long p = n.op().attrInt("p", 2);
        if (p != 1 && p != 2) throw n.error("p must be 1 or 2, got " + p);
        int[] s = Wgsl.atLeast1d(shape);
        int rows = (int) (Wgsl.product(s) / s[axis]);
        GpuTensor norm = n.scratch("norm", DType.FLOAT, new int[] {rows});
        n.dispatch(TuningSites.reduce(new ReduceProblem(p == 1 ? ReduceProblem.Op.L1 : ReduceProblem.Op.L2, s,
                new int[] {axis}), n.limits(), n.features()), n.in(0), norm);
        ElementwiseBuilder b = new ElementwiseBuilder(n, s);
        ElementwiseExpr v = b.bindView(norm, keptView(norm, s, mask(s.length, new int[] {axis})));
        b.emit(ElementwiseExpr.where(ElementwiseExpr.of(ElementwiseOp.EQUAL, v, ElementwiseExpr.f32(0)),
                ElementwiseExpr.f32(0),
                ElementwiseExpr.div(b.bind(n.in(0)), v)), n.out(0));
    }

    /**
     * LRN: x / (bias + alpha/size * sum of x^2 over the channel window)^beta. The window sum is size times an
     * average pool over (C, spatial) with kernel (size, 1) and pads (floor((size-1)/2), ceil((size-1)/2)), counting
     * the padding, so every window divides by size.
     */
    private static void lrn(NodeLowering n) {
        requireFloat(n);
        int[] shape = n.inShape(0);
        if (shape.length < 3) throw n.error("X must have rank >= 3, got " + Arrays.toString(shape));
        if (Wgsl.product(shape) == 0) { n.out(0); return; }
        int size = (int) n.op().attrIntRequired("size");
        float alpha = n.op().attrFloat("alpha", 1e-4f), beta = n.op().attrFloat("beta", 0.75f);
        float bias = n.op().attrFloat("bias", 1f);
        int c = shape[1];
        int spatial = (int) Wgsl.product(shape, 2, shape.length);
        GpuTensor sq = n.scratch("squares", DType.FLOAT, shape);
        ElementwiseBuilder b = new ElementwiseBuilder(n, shape);
        ElementwiseExpr x = b.bind(n.in(0));
        b.emit(ElementwiseExpr.mul(x, x), sq);
        int before = (size - 1) / 2, after = size - 1 - before;
        PoolProblem p = new PoolProblem(PoolProblem.Kind.AVERAGE, ScalarType.F32, shape[0], 1, new int[] {c, spatial},
                new int[] {size, 1}, new int[] {1, 1}, new int[] {1, 1}, new int[] {before, 0}, new int[] {after, 0},
                new int[] {c, spatial}, true, 2, false, false);
        GpuTensor avg = n.scratch("window_mean", DType.FLOAT, shape);
        n.dispatch(TuningSites.item(PoolKernel.INSTANCE, p, n.limits(), n.features()), sq, avg);
        ElementwiseBuilder e = new ElementwiseBuilder(n, shape);
        ElementwiseExpr base = ElementwiseExpr.add(ElementwiseExpr.f32(bias),
                ElementwiseExpr.mul(ElementwiseExpr.f32(alpha), e.bind(avg)));
        e.emit(ElementwiseExpr.div(e.bind(n.in(0)), ElementwiseExpr.of(ElementwiseOp.POW, base,
                ElementwiseExpr.f32(beta))), n.out(0));
    }

    /** LayerNormalization with its Mean and InvStdDev outputs (shape X.shape[:axis] + [1] * (rank - axis)). */
    private static void layerNormWithStats(NodeLowering n) {
        requireFloat(n);
        int[] shape = n.inShape(0);
        if (Wgsl.product(shape) == 0) {
            for (int k = 0; k < n.outputCount(); k++) if (n.outputUsed(k)) n.out(k);
            return;
        }
        int axis = ReductionLowerings.axis(n, n.op().attrInt("axis", -1), shape.length);
        int[] axes = new int[shape.length - axis];
        for (int d = axis; d < shape.length; d++) axes[d - axis] = d;
        GpuTensor meanOut = n.outputCount() > 1 && n.outputUsed(1) ? n.out(1) : null;
        GpuTensor invOut = n.outputCount() > 2 && n.outputUsed(2) ? n.out(2) : null;
        Stats s = stats(n, n.in(0), shape, axes, meanOut);
        GpuTensor inv = invStd(n, s, count(shape, axes), n.op().attrFloat("epsilon", 1e-5f), invOut);
        if (!n.outputUsed(0)) return;
        ElementwiseBuilder b = new ElementwiseBuilder(n, shape);
        ElementwiseExpr y = ElementwiseExpr.mul(ElementwiseExpr.mul(b.bind(s.centered), b.bindView(inv, s.keptView)),
                b.bind(n.in(1)));
        if (n.hasInput(2)) y = ElementwiseExpr.add(y, b.bind(n.in(2)));
        b.emit(y, n.out(0));
    }
}
