package dev.nnjit.runtime.webgpu;

import dev.nnjit.codegen.ArgReduceProblem;
import dev.nnjit.codegen.ElementwiseExpr;
import dev.nnjit.codegen.NormProblem;
import dev.nnjit.codegen.ReduceProblem;
import dev.nnjit.codegen.SoftmaxProblem;
import dev.nnjit.codegen.Wgsl;
import dev.nnjit.ops.fused.ElementwiseOp;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tune.TuningSites;
import java.util.Arrays;

/**
 * Row reductions on the codegen's row kernels: Softmax and LogSoftmax (opset 13 axis semantics, and the 2-D
 * coercion of older opsets), LayerNormalization, nnjit.RMSNormalization, the Reduce* family (f32), and ArgMax /
 * ArgMin (on this runtime's own kernel: codegen has none). A norm's scale
 * or bias that only broadcasts to the normalized dims is first expanded to them by an elementwise copy.
 */
final class ReductionLowerings {
    private ReductionLowerings() {}

    static void register(LoweringTable t) {
        t.add("Softmax", n -> softmax(n, false));
        t.add("LogSoftmax", n -> softmax(n, true));
        t.add("LayerNormalization", n -> norm(n, NormProblem.Kind.LAYER));
        t.add("nnjit", "RMSNormalization", n -> norm(n, NormProblem.Kind.RMS));
        reduce(t, "ReduceSum", ReduceProblem.Op.SUM, 13);
        reduce(t, "ReduceMean", ReduceProblem.Op.MEAN, 18);
        reduce(t, "ReduceMax", ReduceProblem.Op.MAX, 18);
        reduce(t, "ReduceMin", ReduceProblem.Op.MIN, 18);
        reduce(t, "ReduceProd", ReduceProblem.Op.PROD, 18);
        reduce(t, "ReduceSumSquare", ReduceProblem.Op.SUM_SQUARE, 18);
        reduce(t, "ReduceL1", ReduceProblem.Op.L1, 18);
        reduce(t, "ReduceL2", ReduceProblem.Op.L2, 18);
        reduce(t, "ReduceLogSumExp", ReduceProblem.Op.LOG_SUM_EXP, 18);
        reduce(t, "ReduceLogSum", null, 18);
        t.add("ArgMax", n -> argReduce(n, true));
        t.add("ArgMin", n -> argReduce(n, false));
    }

    /** ArgMax / ArgMin along one axis, int64 out (i32 on the GPU), on the runtime's own scan kernel. */
    private static void argReduce(NodeLowering n, boolean max) {
        int[] shape = n.inShape(0);
        if (Wgsl.product(n.outShape(0)) == 0) { n.out(0); return; }
        int axis = axis(n, n.op().attrInt("axis", 0), shape.length);
        ArgReduceProblem p;
        try {
            p = new ArgReduceProblem(n.in(0).type(), shape, axis, max, n.op().attrInt("select_last_index", 0) != 0);
        } catch (IllegalArgumentException e) {
            throw n.unsupported(e.getMessage());
        }
        n.dispatch(TuningSites.argReduce(p, n.limits(), n.features()), n.in(0), n.out(0));
    }

    private static void softmax(NodeLowering n, boolean log) {
        requireFloat(n);
        int[] shape = n.inShape(0);
        if (Wgsl.product(shape) == 0) { n.out(0); return; }
        int[] s = Wgsl.atLeast1d(shape);
        int rank = shape.length;
        SoftmaxProblem p;
        if (n.op().opset() >= 13) {
            int axis = axis(n, n.op().attrInt("axis", -1), Math.max(rank, 1));
            p = SoftmaxProblem.onAxis(s, axis, log);
        } else {
            int axis = axis(n, n.op().attrInt("axis", 1), Math.max(rank, 1));
            p = SoftmaxProblem.coerced(s, axis, log);
        }
        n.dispatch(TuningSites.softmax(p, n.limits(), n.features()), n.in(0), n.out(0));
    }

    private static void norm(NodeLowering n, NormProblem.Kind kind) {
        requireFloat(n);
        for (int k = 1; k < n.outputCount(); k++) {
            if (n.outputUsed(k)) throw n.unsupported("output " + k + " (mean / inverse std dev) is used");
        }
        int[] shape = n.inShape(0);
        if (Wgsl.product(shape) == 0) { n.out(0); return; }
        int axis = axis(n, n.op().attrInt("axis", -1), shape.length);
        int rows = (int) Wgsl.product(shape, 0, axis);
        int cols = (int) Wgsl.product(shape, axis, shape.length);
        int[] normShape = Arrays.copyOfRange(shape, axis, shape.length);
        float eps = n.op().attrFloat("epsilon", 1e-5f);
        boolean hasBias = kind == NormProblem.Kind.LAYER && n.hasInput(2);
        GpuTensor scale = full(n, 1, normShape, cols);
        GpuTensor bias = hasBias ? full(n, 2, normShape, cols) : null;
        NormProblem p = new NormProblem(kind, rows, cols, eps, hasBias);
        if (hasBias) n.dispatch(TuningSites.norm(p, n.limits(), n.features()), n.in(0), scale, bias, n.out(0));
        else n.dispatch(TuningSites.norm(p, n.limits(), n.features()), n.in(0), scale, n.out(0));
    }

    /** Input i as a tensor of exactly {@code cols} elements laid out as {@code normShape} (expanded if needed). */
    private static GpuTensor full(NodeLowering n, int i, int[] normShape, int cols) {
        GpuTensor t = n.in(i);
        if (t.elements() == cols && Arrays.equals(trimOnes(t.shape()), trimOnes(normShape))) return t;
        GpuTensor expanded = n.scratch("input" + i + "_expanded", t.dtype(), normShape);
        ElementwiseBuilder b = new ElementwiseBuilder(n, normShape);
        b.emit(b.bind(t), expanded);
        return expanded;
    }

    private static int[] trimOnes(int[] s) {
        int i = 0;
        while (i < s.length && s[i] == 1) i++;
        return Arrays.copyOfRange(s, i, s.length);
    }

    private static void reduce(LoweringTable t, String opType, ReduceProblem.Op op, int axesInputSince) {
        t.add(opType, n -> {
            requireFloat(n);
            int[] shape = n.inShape(0);
            int[] axes = axes(n, shape.length, axesInputSince);
            int[] out = n.outShape(0);
            if (Wgsl.product(out) == 0) { n.out(0); return; }
            if (axes == null) { // noop_with_empty_axes: the input unchanged
                n.view(0, n.in(0));
                return;
            }
            if (Wgsl.product(shape) == 0) throw n.unsupported("reducing an empty tensor");
            int[] s = Wgsl.atLeast1d(shape);
            if (shape.length == 0) axes = new int[] {0};
            if (op != null) {
                n.dispatch(TuningSites.reduce(new ReduceProblem(op, s, axes), n.limits(), n.features()), n.in(0), n.out(0));
                return;
            }
            // ReduceLogSum = log(ReduceSum)
            GpuTensor sum = n.scratch("sum", n.outDType(0), out);
            n.dispatch(TuningSites.reduce(new ReduceProblem(ReduceProblem.Op.SUM, s, axes), n.limits(), n.features()), n.in(0), sum);
            ElementwiseBuilder b = new ElementwiseBuilder(n, out);
            b.emit(ElementwiseExpr.unary(ElementwiseOp.LOG, b.bind(sum)), n.out(0));
        });
    }

    /**
     * The reduced axes, normalized; all axes when none are given; null when none are given and
     * noop_with_empty_axes is set (the op is the identity).
     */
    private static int[] axes(NodeLowering n, int rank, int axesInputSince) {
        long[] raw;
        if (n.op().opset() >= axesInputSince) {
            if (n.hasInput(1)) {
                Tensor c = n.constant(1);
                if (c == null) throw n.unsupported("axes computed at run time");
                raw = c.toLongArray();
            } else {
                raw = new long[0];
            }
        } else {
            raw = n.op().attrInts("axes", new long[0]);
        }
        if (raw.length == 0) {
            if (n.op().attrInt("noop_with_empty_axes", 0) == 1) return null;
            int[] all = new int[rank];
            for (int d = 0; d < rank; d++) all[d] = d;
            return all;
        }
        int[] axes = new int[raw.length];
        for (int i = 0; i < raw.length; i++) axes[i] = axis(n, raw[i], rank);
        return axes;
    }

    static int axis(NodeLowering n, long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) throw n.error("axis " + axis + " is out of range for rank " + rank);
        return (int) a;
    }

    private static void requireFloat(NodeLowering n) {
        if (!n.inDType(0).isFloating()) throw n.unsupported("input is " + n.inDType(0) + "; only float");
    }
}
