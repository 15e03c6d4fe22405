package dev.nnjit.runtime.webgpu;

import dev.nnjit.codegen.ElementwiseExpr;
import dev.nnjit.codegen.ElementwiseInput;
import dev.nnjit.codegen.ElementwiseKernel;
import dev.nnjit.codegen.ElementwiseProblem;
import dev.nnjit.codegen.ConcatKernel;
import dev.nnjit.codegen.ConcatProblem;
import dev.nnjit.codegen.GatherKernel;
import dev.nnjit.codegen.GatherProblem;
import dev.nnjit.codegen.GemvKernel;
import dev.nnjit.codegen.KernelInstance;
import dev.nnjit.codegen.MatmulKernel;
import dev.nnjit.codegen.MatmulProblem;
import dev.nnjit.codegen.NormKernel;
import dev.nnjit.codegen.NormProblem;
import dev.nnjit.codegen.ReduceKernel;
import dev.nnjit.codegen.ReduceProblem;
import dev.nnjit.codegen.SoftmaxKernel;
import dev.nnjit.codegen.SoftmaxProblem;
import dev.nnjit.codegen.Wgsl;
import dev.nnjit.schedule.AdapterLimits;
import dev.nnjit.schedule.ElementwiseConfig;
import dev.nnjit.schedule.ElementwiseSpace;
import dev.nnjit.schedule.GemvSpace;
import dev.nnjit.schedule.MatmulSpace;
import dev.nnjit.schedule.ReductionSpace;
import java.util.List;

/**
 * Kernel instances with the default schedule (index 0 of each family's candidate space, which the schedule package
 * guarantees legal and reasonable everywhere). Tuning can replace these choices later without touching lowerings.
 */
final class Kernels {
    private Kernels() {}

    /** Rank-0 tensors are computed as shape [1]: same single element, and generators need a dim to index. */
    static int[] atLeast1d(int[] shape) { return shape.length == 0 ? new int[] {1} : shape; }

    /** A fused elementwise kernel computing {@code expr} over {@code inputs} into a tensor of {@code outShape}. */
    static KernelInstance elementwise(String label, int[] outShape, List<ElementwiseInput> inputs, ElementwiseExpr expr,
                                      AdapterLimits limits) {
        ElementwiseProblem p = new ElementwiseProblem(label, atLeast1d(outShape), inputs, expr);
        ElementwiseConfig c = ElementwiseSpace.candidates(p.elements(), p.vec4Allowed(), limits).get(0);
        return ElementwiseKernel.INSTANCE.instance(c, p);
    }

    /** Gemv when m = 1 (a memory-bound product: one row of A), else the tiled matmul. */
    static KernelInstance matmul(MatmulProblem p, AdapterLimits limits) {
        if (p.m() == 1) {
            return GemvKernel.INSTANCE.instance(
                    GemvSpace.candidates(p.n(), p.k(), p.batch(), p.transB(), limits).get(0), p);
        }
        return MatmulKernel.INSTANCE.instance(
                MatmulSpace.candidates(p.m(), p.n(), p.k(), p.batch(), p.transB(), limits).get(0), p);
    }

    static KernelInstance softmax(SoftmaxProblem p, AdapterLimits limits) {
        return SoftmaxKernel.INSTANCE.instance(
                ReductionSpace.candidates(p.layout().rows(), p.layout().cols(), limits).get(0), p);
    }

    static KernelInstance norm(NormProblem p, AdapterLimits limits) {
        return NormKernel.INSTANCE.instance(ReductionSpace.candidates(p.rows(), p.cols(), limits).get(0), p);
    }

    static KernelInstance reduce(ReduceProblem p, AdapterLimits limits) {
        return ReduceKernel.INSTANCE.instance(
                ReductionSpace.candidates(p.layout().rows(), p.layout().cols(), limits).get(0), p);
    }

    static KernelInstance gather(GatherProblem p, AdapterLimits limits) {
        long n = Wgsl.product(p.outShape());
        return GatherKernel.INSTANCE.instance(ElementwiseSpace.candidates(n, p.vec4Allowed(), limits).get(0), p);
    }

    static KernelInstance concat(ConcatProblem p, AdapterLimits limits) {
        long n = Wgsl.product(p.outShape());
        return ConcatKernel.INSTANCE.instance(ElementwiseSpace.candidates(n, p.vec4Allowed(), limits).get(0), p);
    }
}
