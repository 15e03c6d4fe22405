package dev.nnjit.tune.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.cli.WorkbenchOptions;
import dev.nnjit.ops.fused.Activation;
import dev.nnjit.codegen.KernelGenerator;
import dev.nnjit.codegen.KernelProblem;
import dev.nnjit.codegen.MatmulKernel;
import dev.nnjit.codegen.MatmulProblem;
import dev.nnjit.codegen.NormKernel;
import dev.nnjit.codegen.NormProblem;
import dev.nnjit.codegen.ReduceKernel;
import dev.nnjit.codegen.ReduceProblem;
import dev.nnjit.codegen.SoftmaxKernel;
import dev.nnjit.codegen.SoftmaxProblem;
import dev.nnjit.schedule.AdapterFeatures;
import dev.nnjit.schedule.AdapterLimits;
import dev.nnjit.schedule.MatmulSpace;
import dev.nnjit.schedule.ReductionConfig;
import dev.nnjit.schedule.ReductionSpace;
import dev.nnjit.tune.ScheduleCandidate;
import dev.nnjit.tune.TuningSite;
import dev.nnjit.tune.WorkbenchArgs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tuner report's workbench strings parse, through the real command line, to a case with the site's problem. */
class WorkbenchArgsTest {
    private static final AdapterLimits LIMITS = AdapterLimits.defaults();

    private static <P extends KernelProblem> TuningSite<P> reductionSite(String family,
            KernelGenerator<ReductionConfig, P> g, P p, int rows, int cols) {
        List<ScheduleCandidate<?, P>> list = new ArrayList<>();
        for (ReductionConfig c : ReductionSpace.candidates(rows, cols, LIMITS)) list.add(new ScheduleCandidate<>(g, c));
        return new TuningSite<>(family, p, list);
    }

    private static void assertReproduces(String args, TuningSite<?> site) {
        WorkbenchOptions o = WorkbenchOptions.parse(Arrays.asList(args.split(" ")));
        BenchCase c = BenchCases.create(o.request());
        String cacheKey = c.candidates(LIMITS, AdapterFeatures.NONE).get(0).kernel().cacheKey();
        assertTrue(cacheKey.contains("|" + site.problemKey() + "|"), args + " gives " + cacheKey + ", site " + site.problemKey());
    }

    @Test void stringsReproduceTheSiteProblem() {
        MatmulProblem mp = MatmulProblem.matmul(new int[] {4, 64, 128}, new int[] {4, 128, 96}).withTranspose(false, true);
        List<ScheduleCandidate<?, MatmulProblem>> mm = new ArrayList<>();
        for (var c : MatmulSpace.candidates(64, 96, 128, 4, true, LIMITS)) mm.add(new ScheduleCandidate<>(MatmulKernel.INSTANCE, c));
        TuningSite<MatmulProblem> matmul = new TuningSite<>("matmul", mp, mm);
        assertEquals("--op matmul --shape 64x96x128x4 --transB", WorkbenchArgs.of(matmul));
        assertReproduces(WorkbenchArgs.of(matmul), matmul);

        TuningSite<SoftmaxProblem> softmax = reductionSite("softmax", SoftmaxKernel.INSTANCE,
                SoftmaxProblem.lastAxis(8, 1000, false), 8, 1000);
        assertEquals("--op softmax --shape 8x1000", WorkbenchArgs.of(softmax));
        assertReproduces(WorkbenchArgs.of(softmax), softmax);

        TuningSite<NormProblem> norm = reductionSite("norm", NormKernel.INSTANCE,
                new NormProblem(NormProblem.Kind.LAYER, 16, 384, 1e-12f, true), 16, 384);
        assertEquals("--op layernorm --shape 16x384 --epsilon 1.0E-12", WorkbenchArgs.of(norm));
        assertReproduces(WorkbenchArgs.of(norm), norm);

        ReduceProblem rp = new ReduceProblem(ReduceProblem.Op.SUM_SQUARE, new int[] {4, 8, 16}, new int[] {0, 2});
        TuningSite<ReduceProblem> reduce = reductionSite("reduce", ReduceKernel.INSTANCE, rp, rp.layout().rows(),
                rp.layout().cols());
        assertEquals("--op reduce:sumsquare --shape 4x8x16 --axes 0,2", WorkbenchArgs.of(reduce));
        assertReproduces(WorkbenchArgs.of(reduce), reduce);
    }

    @Test void fusedEpiloguesHaveNoWorkbenchString() {
        MatmulProblem mp = MatmulProblem.matmul(new int[] {64, 128}, new int[] {128, 96}).withActivation(Activation.GELU);
        List<ScheduleCandidate<?, MatmulProblem>> mm = new ArrayList<>();
        for (var c : MatmulSpace.candidates(64, 96, 128, 1, false, LIMITS)) mm.add(new ScheduleCandidate<>(MatmulKernel.INSTANCE, c));
        assertNull(WorkbenchArgs.of(new TuningSite<>("matmul", mp, mm)));
    }
}
