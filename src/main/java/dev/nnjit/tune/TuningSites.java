package dev.nnjit.tune;

import dev.nnjit.codegen.ArgReduceKernel;
import dev.nnjit.codegen.ArgReduceProblem;
import dev.nnjit.codegen.ConcatKernel;
import dev.nnjit.codegen.ConcatProblem;
import dev.nnjit.codegen.ConvKernel;
import dev.nnjit.codegen.ConvProblem;
import dev.nnjit.codegen.ElementwiseKernel;
import dev.nnjit.codegen.ElementwiseProblem;
import dev.nnjit.codegen.GatherKernel;
import dev.nnjit.codegen.GatherNdKernel;
import dev.nnjit.codegen.GatherNdProblem;
import dev.nnjit.codegen.GatherProblem;
import dev.nnjit.codegen.GatherRowsKernel;
import dev.nnjit.codegen.GatherRowsProblem;
import dev.nnjit.codegen.GemvKernel;
import dev.nnjit.codegen.ItemKernel;
import dev.nnjit.codegen.KernelGenerator;
import dev.nnjit.codegen.KernelProblem;
import dev.nnjit.codegen.MapKernel;
import dev.nnjit.codegen.MapProblem;
import dev.nnjit.codegen.MatmulKernel;
import dev.nnjit.codegen.MatmulProblem;
import dev.nnjit.codegen.NormKernel;
import dev.nnjit.codegen.NormProblem;
import dev.nnjit.codegen.ReduceKernel;
import dev.nnjit.codegen.ReduceProblem;
import dev.nnjit.codegen.SoftmaxKernel;
import dev.nnjit.codegen.SoftmaxProblem;
import dev.nnjit.codegen.Wgsl;
import dev.nnjit.schedule.AdapterFeatures;
import dev.nnjit.schedule.AdapterLimits;
import dev.nnjit.schedule.ConvSpace;
import dev.nnjit.schedule.ElementwiseConfig;
import dev.nnjit.schedule.ElementwiseSpace;
import dev.nnjit.schedule.GemvSpace;
import dev.nnjit.schedule.MatmulSpace;
import dev.nnjit.schedule.ReductionSpace;
import dev.nnjit.schedule.ScheduleConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place that turns a kernel problem into a {@link TuningSite}: which generators may compute it and over
 * which schedule space (from {@code dev.nnjit.schedule}, index 0 its default). Lowerings build a problem, ask here
 * for its site and hand the site to the {@link ScheduleChooser}; nothing else picks a generator or a config.
 *
 * <p>Site families are persisted (tuning records are keyed by family and problem key): rename one and every stored
 * decision for it is lost. They are the generator's family, except {@code "matmul"}, whose site spans two
 * generators (see {@link #matmul}).
 *
 * <p>Every site is checked before it is returned: all candidates bind the same buffers
 * ({@link TuningSite#bindingMismatch()}), so a tuner can swap a step's pipeline without touching its buffers.
 */
public final class TuningSites {
    private TuningSites() {}

    /** A fused elementwise kernel (also Transpose, Slice, Expand, Where, Cast): the elementwise space. */
    public static TuningSite<ElementwiseProblem> elementwise(ElementwiseProblem p, AdapterLimits limits,
            AdapterFeatures features) {
        return site(ElementwiseKernel.INSTANCE.family(), p, ElementwiseKernel.INSTANCE,
                ElementwiseSpace.candidates(p.elements(), p.vec4Allowed(), limits, features));
    }

    /**
     * The matmul algorithm decision, made here and nowhere else (after ONNX Runtime's
     * {@code MatMulAlgorithmScheduler::Select(params, forced_algorithm)}): a product with one row of A (m == 1, a
     * decoder step or a pooled head) is memory-bound, so its site lists the {@link GemvKernel} candidates first
     * ({@link GemvSpace}; the default is gemv, which reads each weight once with K split across invocations), then
     * the tiled {@link MatmulKernel} candidates ({@link MatmulSpace}), so a tuner may measure both algorithms and a
     * chooser may force either. For m > 1 only the tiled matmul is listed. Both generators take the same
     * {@link MatmulProblem} and bind a, b, [bias], c alike, which is what makes them one site.
     */
    public static TuningSite<MatmulProblem> matmul(MatmulProblem p, AdapterLimits limits,
            AdapterFeatures features) {
        List<ScheduleCandidate<?, MatmulProblem>> list = new ArrayList<>();
        if (p.m() == 1) {
            add(list, GemvKernel.INSTANCE, GemvSpace.candidates(p.n(), p.k(), p.batch(), p.transB(), limits, features));
        }
        add(list, MatmulKernel.INSTANCE, MatmulSpace.candidates(p.m(), p.n(), p.k(), p.batch(), p.transB(), limits, features));
        return checked(new TuningSite<>("matmul", p, list));
    }

    public static TuningSite<SoftmaxProblem> softmax(SoftmaxProblem p, AdapterLimits limits,
            AdapterFeatures features) {
        return site(SoftmaxKernel.INSTANCE.family(), p, SoftmaxKernel.INSTANCE,
                ReductionSpace.candidates(p.layout().rows(), p.layout().cols(), limits, features));
    }

    /** LayerNormalization, RMSNormalization: one row reduction per normalized row. */
    public static TuningSite<NormProblem> norm(NormProblem p, AdapterLimits limits,
            AdapterFeatures features) {
        return site(NormKernel.INSTANCE.family(), p, NormKernel.INSTANCE,
                ReductionSpace.candidates(p.rows(), p.cols(), limits, features));
    }

    public static TuningSite<ReduceProblem> reduce(ReduceProblem p, AdapterLimits limits,
            AdapterFeatures features) {
        return site(ReduceKernel.INSTANCE.family(), p, ReduceKernel.INSTANCE,
                ReductionSpace.candidates(p.layout().rows(), p.layout().cols(), limits, features));
    }

    public static TuningSite<GatherProblem> gather(GatherProblem p, AdapterLimits limits,
            AdapterFeatures features) {
        return site(GatherKernel.INSTANCE.family(), p, GatherKernel.INSTANCE,
                ElementwiseSpace.candidates(Wgsl.product(p.outShape()), p.vec4Allowed(), limits, features));
    }

    public static TuningSite<ConcatProblem> concat(ConcatProblem p, AdapterLimits limits,
            AdapterFeatures features) {
        return site(ConcatKernel.INSTANCE.family(), p, ConcatKernel.INSTANCE,
                ElementwiseSpace.candidates(Wgsl.product(p.outShape()), p.vec4Allowed(), limits, features));
    }

    /** Convolution as an implicit GEMM: the conv space (thread and workgroup blocks over channels and positions). */
    public static TuningSite<ConvProblem> conv(ConvProblem p, AdapterLimits limits,
            AdapterFeatures features) {
        return site(ConvKernel.INSTANCE.family(), p, ConvKernel.INSTANCE,
                ConvSpace.candidates(p.outChannelsPerGroup(), p.positions(), p.group(), limits, features));
    }

    /**
     * An index-mapping kernel built on {@link ItemKernel} (Pad, Trilu, OneHot, GatherElements, Scatter, CumSum,
     * Pool, ConvTranspose, Einsum, integer matmul): the elementwise space without vec4 (these kernels read scalars),
     * over the kernel's own item count. The site family is the generator's.
     */
    public static <P extends KernelProblem> TuningSite<P> item(ItemKernel<P> kernel, P p, AdapterLimits limits,
            AdapterFeatures features) {
        return scalarItems(kernel, p, kernel.items(p), limits, features);
    }

    /** A {@link dev.nnjit.codegen.MapFn} per output element (trigonometric and other math ops, quantization). */
    public static TuningSite<MapProblem> map(MapProblem p, AdapterLimits limits,
            AdapterFeatures features) {
        return scalarItems(MapKernel.INSTANCE, p, p.elements(), limits, features);
    }

    /** ArgMax / ArgMin: one scan per output position. */
    public static TuningSite<ArgReduceProblem> argReduce(ArgReduceProblem p, AdapterLimits limits,
            AdapterFeatures features) {
        return scalarItems(ArgReduceKernel.INSTANCE, p, p.outputs(), limits, features);
    }

    public static TuningSite<GatherNdProblem> gatherNd(GatherNdProblem p, AdapterLimits limits,
            AdapterFeatures features) {
        return scalarItems(GatherNdKernel.INSTANCE, p, Wgsl.product(p.outShape()), limits, features);
    }

    /** Gather from one row block of a table too large for one binding. */
    public static TuningSite<GatherRowsProblem> gatherRows(GatherRowsProblem p, AdapterLimits limits,
            AdapterFeatures features) {
        return scalarItems(GatherRowsKernel.INSTANCE, p, p.outputs(), limits, features);
    }

    private static <P extends KernelProblem> TuningSite<P> scalarItems(KernelGenerator<ElementwiseConfig, P> g, P p,
                                                                       long items, AdapterLimits limits,
                                                                       AdapterFeatures features) {
        return site(g.family(), p, g, ElementwiseSpace.candidates(Math.max(items, 1), false, limits, features));
    }

    private static <C extends ScheduleConfig, P extends KernelProblem> TuningSite<P> site(
            String family, P p, KernelGenerator<C, P> g, List<C> configs) {
        List<ScheduleCandidate<?, P>> list = new ArrayList<>();
        add(list, g, configs);
        return checked(new TuningSite<>(family, p, list));
    }

    private static <C extends ScheduleConfig, P extends KernelProblem> void add(List<ScheduleCandidate<?, P>> list,
                                                                               KernelGenerator<C, P> g,
                                                                               List<C> configs) {
        for (C c : configs) list.add(new ScheduleCandidate<>(g, c));
    }

    private static <P extends KernelProblem> TuningSite<P> checked(TuningSite<P> site) {
        String why = site.bindingMismatch();
        if (why != null) throw new IllegalStateException("internal error: candidates bind different buffers: " + why);
        return site;
    }
}
