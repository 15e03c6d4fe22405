package dev.nnjit.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.ops.fused.Activation;
import dev.nnjit.codegen.ArgReduceKernel;
import dev.nnjit.codegen.ArgReduceProblem;
import dev.nnjit.codegen.ConcatKernel;
import dev.nnjit.codegen.ConcatProblem;
import dev.nnjit.codegen.ConvKernel;
import dev.nnjit.codegen.ConvProblem;
import dev.nnjit.codegen.ConvTransposeKernel;
import dev.nnjit.codegen.ConvTransposeProblem;
import dev.nnjit.codegen.CumSumKernel;
import dev.nnjit.codegen.CumSumProblem;
import dev.nnjit.codegen.DataMovement;
import dev.nnjit.codegen.ElementwiseExpr;
import dev.nnjit.codegen.ElementwiseInput;
import dev.nnjit.codegen.ElementwiseKernel;
import dev.nnjit.codegen.ElementwiseProblem;
import dev.nnjit.codegen.GatherKernel;
import dev.nnjit.codegen.GatherNdKernel;
import dev.nnjit.codegen.GatherNdProblem;
import dev.nnjit.codegen.GatherProblem;
import dev.nnjit.codegen.GatherRowsKernel;
import dev.nnjit.codegen.GatherRowsProblem;
import dev.nnjit.codegen.GemvKernel;
import dev.nnjit.codegen.KernelInstance;
import dev.nnjit.codegen.MapFn;
import dev.nnjit.codegen.MapKernel;
import dev.nnjit.codegen.MapProblem;
import dev.nnjit.codegen.MatmulKernel;
import dev.nnjit.codegen.MatmulProblem;
import dev.nnjit.codegen.NormKernel;
import dev.nnjit.codegen.NormProblem;
import dev.nnjit.codegen.PadKernel;
import dev.nnjit.codegen.PadProblem;
import dev.nnjit.codegen.PoolKernel;
import dev.nnjit.codegen.PoolProblem;
import dev.nnjit.codegen.ReduceKernel;
import dev.nnjit.codegen.ReduceProblem;
import dev.nnjit.codegen.ScalarType;
import dev.nnjit.codegen.ScatterKernel;
import dev.nnjit.codegen.ScatterProblem;
import dev.nnjit.codegen.SoftmaxKernel;
import dev.nnjit.codegen.SoftmaxProblem;
import dev.nnjit.codegen.Wgsl;
import dev.nnjit.schedule.AdapterFeatures;
import dev.nnjit.schedule.AdapterLimits;
import dev.nnjit.schedule.ConvSpace;
import dev.nnjit.schedule.ElementwiseSpace;
import dev.nnjit.schedule.GemvSpace;
import dev.nnjit.schedule.MatmulSpace;
import dev.nnjit.schedule.ReductionSpace;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The one schedule-choice seam, on the JVM: for a spread of problems, every site's candidates bind the same
 * buffers, candidate 0 is the default the lowerings used before sites existed (index 0 of the family's space, gemv
 * at m = 1), keys are unique; and the gemv-or-matmul decision can be forced.
 */
class TuningSitesTest {
    private static final AdapterLimits LIM = AdapterLimits.defaults();
    private static final AdapterFeatures NONE = AdapterFeatures.NONE;
    private static final ScalarType F = ScalarType.F32;

    /** Sites with the kernel the lowerings generated before sites existed (the old Kernels / ItemSchedules picks). */
    static Map<TuningSite<?>, KernelInstance> sitesWithOldDefaults() {
        Map<TuningSite<?>, KernelInstance> m = new LinkedHashMap<>();
        List<MatmulProblem> matmuls = List.of(
                MatmulProblem.matmul(new int[] {37, 29}, new int[] {29, 45}),
                MatmulProblem.matmul(new int[] {128, 384}, new int[] {384, 1536}).withBias(new int[] {1536})
                        .withActivation(Activation.GELU),
                MatmulProblem.matmul(new int[] {1, 768}, new int[] {768, 3072}),
                MatmulProblem.matmul(new int[] {1, 384}, new int[] {384, 30522}).withTranspose(false, true),
                MatmulProblem.matmul(new int[] {3, 1, 5, 64}, new int[] {4, 64, 12}),
                MatmulProblem.matmul(new int[] {2, 12, 128, 64}, new int[] {2, 12, 64, 128}).withTranspose(false, true),
                MatmulProblem.gemm(1, 40, 19, true, false, 0.5f, 2f, new int[] {1, 40}),
                MatmulProblem.gemm(7, 1000, 2048, false, true, 1f, 1f, new int[] {1000}));
        for (MatmulProblem p : matmuls) {
            KernelInstance old = p.m() == 1
                    ? GemvKernel.INSTANCE.instance(GemvSpace.candidates(p.n(), p.k(), p.batch(), p.transB(), LIM, NONE).get(0), p)
                    : MatmulKernel.INSTANCE.instance(
                            MatmulSpace.candidates(p.m(), p.n(), p.k(), p.batch(), p.transB(), LIM, NONE).get(0), p);
            m.put(TuningSites.matmul(p, LIM, NONE), old);
        }
        ElementwiseExpr x0 = ElementwiseExpr.input(0, F);
        ElementwiseExpr x1 = ElementwiseExpr.input(1, F);
        int[] out = {2, 128, 384};
        List<ElementwiseProblem> ew = List.of(
                new ElementwiseProblem("Add", out, List.of(ElementwiseInput.broadcast(F, out, out),
                        ElementwiseInput.broadcast(F, new int[] {384}, out)), ElementwiseExpr.add(x0, x1)),
                DataMovement.transpose(F, new int[] {2, 3, 4, 8}, new int[] {0, 2, 1, 3}),
                DataMovement.slice(F, new int[] {9, 16}, new long[] {1, 0}, new long[] {8, 16}, null, new long[] {3, 1}),
                DataMovement.cast(F, ScalarType.I32, new int[] {1}));
        for (ElementwiseProblem p : ew) {
            m.put(TuningSites.elementwise(p, LIM, NONE), ElementwiseKernel.INSTANCE.instance(
                    ElementwiseSpace.candidates(p.elements(), p.vec4Allowed(), LIM, NONE).get(0), p));
        }
        for (SoftmaxProblem p : List.of(SoftmaxProblem.lastAxis(1536, 128, false), SoftmaxProblem.lastAxis(2, 30522, true),
                SoftmaxProblem.onAxis(new int[] {3, 5, 7}, 1, true))) {
            m.put(TuningSites.softmax(p, LIM, NONE), SoftmaxKernel.INSTANCE.instance(
                    ReductionSpace.candidates(p.layout().rows(), p.layout().cols(), LIM, NONE).get(0), p));
        }
        for (NormProblem p : List.of(new NormProblem(NormProblem.Kind.LAYER, 128, 384, 1e-12f, true),
                new NormProblem(NormProblem.Kind.RMS, 7, 4096, 1e-6f, false))) {
            m.put(TuningSites.norm(p, LIM, NONE), NormKernel.INSTANCE.instance(
                    ReductionSpace.candidates(p.rows(), p.cols(), LIM, NONE).get(0), p));
        }
        for (ReduceProblem p : List.of(new ReduceProblem(ReduceProblem.Op.MEAN, new int[] {2, 128, 384}, new int[] {-1}),
                new ReduceProblem(ReduceProblem.Op.MAX, new int[] {3, 50, 7}, new int[] {1}),
                new ReduceProblem(ReduceProblem.Op.SUM, new int[] {4096, 64}, new int[] {0, 1}))) {
            m.put(TuningSites.reduce(p, LIM, NONE), ReduceKernel.INSTANCE.instance(
                    ReductionSpace.candidates(p.layout().rows(), p.layout().cols(), LIM, NONE).get(0), p));
        }
        GatherProblem g = new GatherProblem(F, new int[] {30522, 384}, 0, new int[] {2, 128});
        m.put(TuningSites.gather(g, LIM, NONE), GatherKernel.INSTANCE.instance(
                ElementwiseSpace.candidates(Wgsl.product(g.outShape()), g.vec4Allowed(), LIM, NONE).get(0), g));
        ConcatProblem c = new ConcatProblem(F, List.of(new int[] {1, 12, 7, 64}, new int[] {1, 12, 1, 64}), 2);
        m.put(TuningSites.concat(c, LIM, NONE), ConcatKernel.INSTANCE.instance(
                ElementwiseSpace.candidates(Wgsl.product(c.outShape()), c.vec4Allowed(), LIM, NONE).get(0), c));
        for (ConvProblem p : List.of(
                new ConvProblem(2, 4, new int[] {9, 7}, 6, new int[] {3, 2}, 2, new int[] {2, 1}, new int[] {1, 2},
                        new int[] {1, 0}, new int[] {5, 5}, true),
                new ConvProblem(1, 7, new int[] {6, 5}, 7, new int[] {3, 3}, 7, new int[] {1, 1}, new int[] {1, 1},
                        new int[] {1, 1}, new int[] {6, 5}, false))) {
            m.put(TuningSites.conv(p, LIM, NONE), ConvKernel.INSTANCE.instance(
                    ConvSpace.candidates(p.outChannelsPerGroup(), p.positions(), p.group(), LIM, NONE).get(0), p));
        }
        ConvTransposeProblem ct = new ConvTransposeProblem(2, 3, new int[] {4, 5}, 2, new int[] {3, 3}, 1,
                new int[] {3, 2}, new int[] {1, 1}, new int[] {1, 0}, new int[] {10, 10}, true);
        m.put(TuningSites.item(ConvTransposeKernel.INSTANCE, ct, LIM, NONE),
                ConvTransposeKernel.INSTANCE.instance(scalar(ct.outputs()), ct));
        CumSumProblem cs = new CumSumProblem(F, new int[] {4, 33, 3}, 1, true, true);
        m.put(TuningSites.item(CumSumKernel.INSTANCE, cs, LIM, NONE), CumSumKernel.INSTANCE.instance(scalar(cs.lines()), cs));
        PadProblem pad = new PadProblem(F, new int[] {4, 5}, new int[] {3, -1}, new int[] {10, 7}, PadProblem.Mode.REFLECT,
                0, false);
        m.put(TuningSites.item(PadKernel.INSTANCE, pad, LIM, NONE),
                PadKernel.INSTANCE.instance(scalar(Wgsl.product(pad.outShape())), pad));
        PoolProblem pool = new PoolProblem(PoolProblem.Kind.MAX, F, 2, 3, new int[] {9, 8}, new int[] {3, 2},
                new int[] {2, 2}, new int[] {1, 2}, new int[] {1, 0}, new int[] {1, 1}, new int[] {5, 4}, false, 2, true,
                true);
        m.put(TuningSites.item(PoolKernel.INSTANCE, pool, LIM, NONE), PoolKernel.INSTANCE.instance(scalar(pool.outputs()), pool));
        ScatterProblem sc = new ScatterProblem(ScatterProblem.Kind.ND, ScatterProblem.Reduction.ADD, F,
                new int[] {4, 3, 5}, new int[] {6, 1}, 0);
        m.put(TuningSites.item(ScatterKernel.INSTANCE, sc, LIM, NONE), ScatterKernel.INSTANCE.instance(scalar(sc.slice()), sc));
        int[] v = {3, 41};
        MapProblem map = MapProblem.broadcast(MapFn.SIN, v, List.of(F), List.of(v));
        m.put(TuningSites.map(map, LIM, NONE), MapKernel.INSTANCE.instance(scalar(map.elements()), map));
        ArgReduceProblem arg = new ArgReduceProblem(F, new int[] {3, 5, 7}, 1, true, false);
        m.put(TuningSites.argReduce(arg, LIM, NONE), ArgReduceKernel.INSTANCE.instance(scalar(arg.outputs()), arg));
        GatherNdProblem nd = new GatherNdProblem(F, new int[] {3, 4, 5}, new int[] {6, 2}, 0);
        m.put(TuningSites.gatherNd(nd, LIM, NONE),
                GatherNdKernel.INSTANCE.instance(scalar(Wgsl.product(nd.outShape())), nd));
        GatherRowsProblem rows = new GatherRowsProblem(F, 100, 10, 20, 16, new int[] {3, 5});
        m.put(TuningSites.gatherRows(rows, LIM, NONE), GatherRowsKernel.INSTANCE.instance(scalar(rows.outputs()), rows));
        return m;
    }

    private static dev.nnjit.schedule.ElementwiseConfig scalar(long items) {
        return ElementwiseSpace.candidates(Math.max(items, 1), false, LIM, NONE).get(0);
    }

    @Test
    void candidateZeroIsTheOldDefault() {
        for (Map.Entry<TuningSite<?>, KernelInstance> e : sitesWithOldDefaults().entrySet()) {
            KernelInstance now = e.getKey().defaultInstance();
            assertEquals(e.getValue().cacheKey(), now.cacheKey(), e.getKey().family());
            assertEquals(e.getValue().wgsl(), now.wgsl(), e.getKey().family() + " " + now.cacheKey());
            assertEquals(e.getKey().defaultKey(), ScheduleChooser.DEFAULT.choose(e.getKey()));
        }
    }

    @Test
    void everyCandidateBindsTheSameBuffers() {
        int sites = 0;
        int kernels = 0;
        for (TuningSite<?> site : sitesWithOldDefaults().keySet()) {
            assertNull(site.bindingMismatch(), site.family());
            KernelInstance first = site.defaultInstance();
            for (int i = 1; i < site.size(); i++) {
                KernelInstance k = site.instance(i);
                assertNull(TuningSite.bindingMismatch(first, k), site.family() + " " + site.problemKey());
                assertNull(k.violation(LIM), k.cacheKey());
                kernels++;
            }
            sites++;
        }
        assertTrue(sites >= 30 && kernels > 500, sites + " sites, " + kernels + " kernels");
    }

    @Test
    void keysAreUniqueAndNameTheirGenerator() {
        for (TuningSite<?> site : sitesWithOldDefaults().keySet()) {
            List<String> keys = site.keys();
            Set<String> unique = new HashSet<>(keys);
            assertEquals(keys.size(), unique.size(), site.family() + " " + keys);
            for (int i = 0; i < site.size(); i++) {
                String family = site.instance(i).family();
                assertTrue(keys.get(i).startsWith(family + ":"), keys.get(i) + " vs " + family);
                assertEquals(i, site.indexOf(keys.get(i)));
            }
            assertEquals(16, site.spaceChecksum().length());
        }
    }

    /** The algorithm decision: at m = 1 gemv first (the default), the tiled matmul after it; at m > 1 only matmul. */
    @Test
    void matmulSiteListsGemvThenTiledAtMEqualsOne() {
        MatmulProblem row = MatmulProblem.matmul(new int[] {1, 768}, new int[] {768, 3072});
        TuningSite<MatmulProblem> site = TuningSites.matmul(row, LIM, NONE);
        assertEquals("matmul", site.family());
        assertTrue(site.defaultKey().startsWith("gemv:"), site.defaultKey());
        int gemv = GemvSpace.candidates(3072, 768, 1, false, LIM, NONE).size();
        int firstTiled = -1;
        for (int i = 0; i < site.size(); i++) {
            boolean tiled = site.keys().get(i).startsWith("matmul:");
            if (tiled && firstTiled < 0) firstTiled = i;
            if (firstTiled >= 0) assertTrue(tiled, "gemv after a tiled candidate: " + site.keys());
        }
        assertEquals(gemv, firstTiled, "every gemv candidate, then the tiled ones: " + site.keys());
        assertTrue(firstTiled < site.size(), "some tiled candidate at m = 1: " + site.keys());
        assertNull(TuningSite.bindingMismatch(site.defaultInstance(), site.instance(firstTiled)));

        TuningSite<MatmulProblem> tall = TuningSites.matmul(MatmulProblem.matmul(new int[] {2, 768},
                new int[] {768, 3072}), LIM, NONE);
        for (String k : tall.keys()) assertTrue(k.startsWith("matmul:"), k);
    }

    @Test
    void forcingPicksTheForcedKeyOnlyWhereTheSiteHasIt() {
        TuningSite<MatmulProblem> site = TuningSites.matmul(MatmulProblem.matmul(new int[] {1, 64},
                new int[] {64, 32}), LIM, NONE);
        String tiled = site.keys().get(site.size() - 1);
        ScheduleChooser force = ScheduleChooser.forcing("matmul", tiled, ScheduleChooser.DEFAULT);
        assertEquals(tiled, force.choose(site));
        assertEquals("matmul", site.instance(force.choose(site)).family());
        TuningSite<SoftmaxProblem> other = TuningSites.softmax(SoftmaxProblem.lastAxis(4, 64, false), LIM, NONE);
        assertEquals(other.defaultKey(), force.choose(other));
    }
}
