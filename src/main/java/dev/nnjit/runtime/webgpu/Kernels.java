package dev.nnjit.runtime.webgpu;

import dev.nnjit.codegen.ElementwiseExpr;
import dev.nnjit.codegen.ElementwiseInput;
import dev.nnjit.codegen.ElementwiseKernel;
import dev.nnjit.codegen.ElementwiseProblem;
import dev.nnjit.codegen.KernelInstance;
import dev.nnjit.schedule.AdapterLimits;
import dev.nnjit.schedule.ElementwiseConfig;
import dev.nnjit.schedule.ElementwiseSpace;
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
}
