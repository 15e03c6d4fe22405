package dev.nnjit.runtime.webgpu;

import dev.nnjit.codegen.ElementwiseInput;
import dev.nnjit.codegen.GatherElementsKernel;
import dev.nnjit.codegen.GatherElementsProblem;
import dev.nnjit.codegen.ScatterKernel;
import dev.nnjit.codegen.ScatterProblem;
import dev.nnjit.codegen.Wgsl;
import dev.nnjit.tune.TuningSites;

/**
 * Element-wise gathers and scatters: GatherElements; ScatterElements, Scatter (its opset-9 name) and ScatterND as an
 * elementwise copy of data into the output followed by the scatter pass (see {@link ScatterKernel} for how
 * reductions stay race-free without atomics).
 */
final class ScatterGatherLowerings {
    private ScatterGatherLowerings() {}

    static void register(LoweringTable t) {
        t.add("GatherElements", ScatterGatherLowerings::gatherElements);
        t.add("ScatterElements", n -> scatter(n, ScatterProblem.Kind.ELEMENTS));
        t.add("Scatter", n -> scatter(n, ScatterProblem.Kind.ELEMENTS));
        t.add("ScatterND", n -> scatter(n, ScatterProblem.Kind.ND));
    }

    private static void gatherElements(NodeLowering n) {
        int[] data = n.inShape(0);
        int[] ind = n.inShape(1);
        if (Wgsl.product(ind) == 0) { n.out(0); return; }
        int axis = ReductionLowerings.axis(n, n.op().attrInt("axis", 0), data.length);
        GatherElementsProblem p;
        try {
            p = new GatherElementsProblem(n.in(0).type(), data, ind, axis);
        } catch (IllegalArgumentException e) {
            throw n.error(e.getMessage());
        }
        n.dispatch(TuningSites.item(GatherElementsKernel.INSTANCE, p, n.limits(), n.features()), n.in(0),
                n.in(1), n.out(0));
    }

    private static void scatter(NodeLowering n, ScatterProblem.Kind kind) {
        int[] data = n.inShape(0);
        if (Wgsl.product(data) == 0) { n.out(0); return; }
        GpuTensor x = n.in(0);
        ViewLowerings.copy(n, ElementwiseInput.broadcast(x.type(), Wgsl.atLeast1d(data), Wgsl.atLeast1d(data)));
        int[] ind = n.inShape(1);
        if (Wgsl.product(ind) == 0 || n.in(2).isEmpty()) return;
        String r = n.op().attrString("reduction", "none");
        ScatterProblem.Reduction reduction;
        switch (r) {
            case "none": reduction = ScatterProblem.Reduction.NONE; break;
            case "add": reduction = ScatterProblem.Reduction.ADD; break;
            case "mul": reduction = ScatterProblem.Reduction.MUL; break;
            case "max": reduction = ScatterProblem.Reduction.MAX; break;
            case "min": reduction = ScatterProblem.Reduction.MIN; break;
            default: throw n.error("unknown reduction '" + r + "'");
        }
        int axis = kind == ScatterProblem.Kind.ND ? 0 : ReductionLowerings.axis(n, n.op().attrInt("axis", 0), data.length);
        ScatterProblem p;
        try {
            p = new ScatterProblem(kind, reduction, x.type(), data, ind, axis);
        } catch (IllegalArgumentException e) {
            throw n.unsupported(e.getMessage());
        }
        long items = reduction == ScatterProblem.Reduction.NONE ? p.updates()
                : kind == ScatterProblem.Kind.ND ? p.slice() : p.updates() / ind[axis];
        n.dispatch(TuningSites.item(ScatterKernel.INSTANCE, p, n.limits(), n.features()), n.in(1), n.in(2), n.out(0));
    }
}
