package dev.nnjit.runtime.webgpu;

import dev.nnjit.codegen.ArgReduceProblem;
import dev.nnjit.codegen.CumSumKernel;
import dev.nnjit.codegen.CumSumProblem;
import dev.nnjit.codegen.OneHotKernel;
import dev.nnjit.codegen.OneHotProblem;
import dev.nnjit.codegen.ScalarType;
import dev.nnjit.codegen.Wgsl;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tune.TuningSites;

/**
 * Ops that select along an axis: Hardmax (ArgMax on the runtime's scan kernel, see {@link ReductionLowerings},
 * then a one-hot of the winner over the same axis) and CumSum (sequential scan per line).
 */
final class SelectionLowerings {
    private SelectionLowerings() {}

    static void register(LoweringTable t) {
        t.add("Hardmax", SelectionLowerings::hardmax);
        t.add("CumSum", SelectionLowerings::cumSum);
    }

    /**
     * Hardmax: 1 at the first maximum along the axis, 0 elsewhere. Opset 13 takes one axis; earlier opsets flatten
     * the input to 2-D at {@code axis} (default 1) and take the maximum over each row.
     */
    private static void hardmax(NodeLowering n) {
        if (!n.inDType(0).isFloating()) throw n.unsupported("input is " + n.inDType(0) + "; only float");
        int[] shape = n.inShape(0);
        if (Wgsl.product(shape) == 0) { n.out(0); return; }
        int rank = Math.max(shape.length, 1);
        int[] s = Wgsl.atLeast1d(shape);
        int axis;
        if (n.op().opset() >= 13) {
            axis = ReductionLowerings.axis(n, n.op().attrInt("axis", -1), rank);
        } else {
            int a = ReductionLowerings.axis(n, n.op().attrInt("axis", 1), rank);
            s = new int[] {(int) Wgsl.product(s, 0, a), (int) Wgsl.product(s, a, s.length)};
            axis = 1;
        }
        ArgReduceProblem p = new ArgReduceProblem(ScalarType.F32, s, axis, true, false);
        var argmax = TuningSites.argReduce(p, n.limits(), n.features());
        int[] kept = new int[s.length - 1];
        for (int d = 0, k = 0; d < s.length; d++) if (d != axis) kept[k++] = s[d];
        GpuTensor winners = n.scratch("argmax", DType.INT64, kept);
        n.dispatch(argmax, n.in(0), winners);
        GpuTensor onOff = n.constantTensor("on_off", Tensor.ofFloats(new int[] {2}, new float[] {0f, 1f}));
        OneHotProblem oh = new OneHotProblem(ScalarType.I32, kept, s[axis], axis, ScalarType.F32);
        n.dispatch(TuningSites.item(OneHotKernel.INSTANCE, oh, n.limits(), n.features()), winners, onOff,
                n.out(0));
    }

    private static void cumSum(NodeLowering n) {
        int[] shape = n.inShape(0);
        if (Wgsl.product(shape) == 0) { n.out(0); return; }
        Tensor axisT = n.constant(1);
        if (axisT == null) throw n.unsupported("axis computed at run time");
        int axis = ReductionLowerings.axis(n, axisT.getLong(0), Math.max(shape.length, 1));
        if (n.inDType(0) == DType.BOOL) throw n.unsupported("bool input");
        CumSumProblem p = new CumSumProblem(n.in(0).type(), Wgsl.atLeast1d(shape), axis,
                n.op().attrInt("exclusive", 0) != 0, n.op().attrInt("reverse", 0) != 0);
        n.dispatch(TuningSites.item(CumSumKernel.INSTANCE, p, n.limits(), n.features()), n.in(0), n.out(0));
    }
}
