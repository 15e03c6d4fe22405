package dev.nnjit.tune.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.codegen.Binding;
import dev.nnjit.schedule.AdapterFeatures;
import dev.nnjit.schedule.AdapterLimits;
import dev.nnjit.schedule.ElementwiseSpace;
import dev.nnjit.schedule.GemvSpace;
import dev.nnjit.schedule.MatmulSpace;
import dev.nnjit.schedule.ReductionSpace;
import dev.nnjit.schedule.ScheduleConfig;
import dev.nnjit.tune.measure.SeededInputs;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every family's case on the JVM: candidates are the schedule space in order, bindings fit, references exist. */
class BenchCasesTest {
    private static final AdapterLimits LIMITS = AdapterLimits.defaults();
    private static final AdapterFeatures NONE = AdapterFeatures.NONE;
    /** Subgroups with subgroup_id, sizes unknown: what a page passes on an adapter with subgroups. */
    private static final AdapterFeatures SG = new AdapterFeatures(true, false, 0, 0, true);

    private static WorkbenchRequest req(Family f, String shape, String operator, String axes, boolean transB) {
        return new WorkbenchRequest(f, shape, transB, operator, WorkbenchRequest.parseInts(axes, "axes"), 1e-5f, null, 3,
                7, WorkbenchRequest.Timing.AUTO, false);
    }

    private static void assertSameKeys(List<? extends ScheduleConfig> space, List<BenchCase.Candidate> got) {
        assertEquals(space.size(), got.size());
        for (int i = 0; i < space.size(); i++) {
            assertEquals(i, got.get(i).index());
            assertEquals(space.get(i).key(), got.get(i).configKey());
            assertTrue(got.get(i).kernel().cacheKey().endsWith(space.get(i).key()), got.get(i).kernel().cacheKey());
        }
    }

    /** Every candidate binds the case's inputs then its output, with the same element counts. */
    private static void assertBindingsFit(BenchCase c) {
        List<float[]> in = c.inputs();
        for (BenchCase.Candidate cand : c.candidates(LIMITS, NONE)) {
            List<Binding> b = cand.kernel().bindings();
            assertEquals(in.size() + 1, b.size(), cand.configKey());
            for (int i = 0; i < in.size(); i++) assertEquals(in.get(i).length, b.get(i).elements(), cand.configKey());
            assertEquals(c.outputElements(), b.get(in.size()).elements(), cand.configKey());
            assertEquals(null, cand.kernel().violation(LIMITS), cand.configKey());
        }
        float[] ref = c.reference();
        assertEquals(c.outputElements(), ref.length);
        for (float v : ref) assertTrue(Float.isFinite(v), c.describe());
        assertTrue(c.bytes() > 0);
    }

    @Test void matmulAndGemvCandidatesAreTheirSpaces() {
        BenchCase mm = BenchCases.create(req(Family.MATMUL, "32x48x40", null, null, false));
        assertSameKeys(MatmulSpace.candidates(32, 48, 40, 1, false, LIMITS), mm.candidates(LIMITS, NONE));
        assertEquals("A (32,40) @ B (40,48) -> C (32,48)", mm.describe());
        assertEquals(2.0 * 32 * 48 * 40, mm.flops());
        assertEquals("GFLOP/s", mm.metric());
        assertBindingsFit(mm);

        BenchCase tb = BenchCases.create(req(Family.MATMUL, "8x12x20x3", null, null, true));
        assertSameKeys(MatmulSpace.candidates(8, 12, 20, 3, true, LIMITS), tb.candidates(LIMITS, NONE));
        assertEquals("A (3,8,20) @ B^T, B stored (3,12,20) -> C (3,8,12)", tb.describe());
        assertBindingsFit(tb);

        BenchCase gv = BenchCases.create(req(Family.GEMV, "64x96", null, null, false));
        assertSameKeys(GemvSpace.candidates(64, 96, 1, false, LIMITS), gv.candidates(LIMITS, NONE));
        assertEquals("GB/s", gv.metric());
        assertBindingsFit(gv);
        assertBindingsFit(BenchCases.create(req(Family.GEMV, "1x64x96x2", null, null, true)));
    }

    /** The page passes its device's features: an adapter with subgroups sees the subgroup forms, after the rest. */
    @Test void casesListTheSubgroupFormsTheAdapterCanRun() {
        BenchCase mm = BenchCases.create(req(Family.MATMUL, "128x384x1536", null, null, false));
        assertSameKeys(MatmulSpace.candidates(128, 384, 1536, 1, false, LIMITS, SG), mm.candidates(LIMITS, SG));
        List<BenchCase.Candidate> base = mm.candidates(LIMITS, NONE);
        List<BenchCase.Candidate> sg = mm.candidates(LIMITS, SG);
        assertTrue(sg.size() > base.size());
        for (int i = 0; i < sg.size(); i++) {
            assertEquals(i < base.size(), !sg.get(i).configKey().endsWith("_sgb"), sg.get(i).configKey());
        }
        BenchCase gv = BenchCases.create(req(Family.GEMV, "64x96", null, null, false));
        assertSameKeys(GemvSpace.candidates(64, 96, 1, false, LIMITS, SG), gv.candidates(LIMITS, SG));
        BenchCase sm = BenchCases.create(req(Family.SOFTMAX, "3x5x40", null, "1", false));
        assertSameKeys(ReductionSpace.candidates(120, 5, LIMITS, SG), sm.candidates(LIMITS, SG));
    }

    @Test void rowAndElementwiseCandidatesAreTheirSpaces() {
        BenchCase sm = BenchCases.create(req(Family.SOFTMAX, "3x5x40", null, "1", false));
        assertSameKeys(ReductionSpace.candidates(120, 5, LIMITS), sm.candidates(LIMITS, NONE));
        assertBindingsFit(sm);
        for (Family f : new Family[] {Family.LAYERNORM, Family.RMSNORM}) {
            BenchCase n = BenchCases.create(req(f, "6x7x48", null, null, false));
            assertSameKeys(ReductionSpace.candidates(42, 48, LIMITS), n.candidates(LIMITS, NONE));
            assertEquals(f == Family.LAYERNORM ? 3 : 2, n.inputs().size());
            assertBindingsFit(n);
        }
        for (String op : new String[] {"sum", "mean", "max", "min", "prod", "sumsquare", "l1", "l2", "logsumexp"}) {
            BenchCase r = BenchCases.create(req(Family.REDUCE, "4x6x10", op, "0,2", false));
            assertSameKeys(ReductionSpace.candidates(6, 40, LIMITS), r.candidates(LIMITS, NONE));
            assertBindingsFit(r);
        }
        for (String op : new String[] {"add", "sub", "mul", "div", "max", "min", "pow"}) {
            BenchCase e = BenchCases.create(req(Family.ELEMENTWISE, "5x8,8", op, null, false));
            assertSameKeys(ElementwiseSpace.candidates(40, true, LIMITS), e.candidates(LIMITS, NONE));
            assertBindingsFit(e);
        }
        for (String op : new String[] {"relu", "neg", "abs", "exp", "tanh", "sigmoid", "erf", "gelu"}) {
            assertBindingsFit(BenchCases.create(req(Family.ELEMENTWISE, "3x5", op, null, false)));
        }
    }

    /** Same seed, same inputs (the page and the JVM generate them with the same code). */
    @Test void inputsAreReproducible() {
        BenchCase a = BenchCases.create(req(Family.MATMUL, "4x4x4", null, null, false));
        BenchCase b = BenchCases.create(req(Family.MATMUL, "4x4x4", null, null, false));
        assertEquals(a.inputs().size(), b.inputs().size());
        for (int i = 0; i < a.inputs().size(); i++) assertTrue(java.util.Arrays.equals(a.inputs().get(i), b.inputs().get(i)));
        SeededInputs s = new SeededInputs(42);
        float[] v = s.uniform(10_000, -1, 1);
        double mean = 0;
        for (float x : v) {
            assertTrue(x >= -1 && x < 1);
            mean += x / v.length;
        }
        assertTrue(Math.abs(mean) < 0.05, "uniform mean " + mean);
    }

    @Test void badRequestsNameTheProblem() {
        assertEquals("unknown op family 'conv' (expected matmul, gemv, softmax, layernorm, rmsnorm, elementwise, reduce)",
                assertThrows(IllegalArgumentException.class, () -> Family.parse("conv")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> BenchCases.create(req(Family.MATMUL, "128x0x4", null, null, false))).getMessage()
                .contains("dims must be positive"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> BenchCases.create(req(Family.MATMUL, "128xax4", null, null, false))).getMessage()
                .contains("'a' is not a number"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> BenchCases.create(req(Family.MATMUL, "12x4", null, null, false))).getMessage()
                .contains("MxNxK"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> BenchCases.create(req(Family.GEMV, "2x64x96", null, null, false))).getMessage()
                .contains("gemv needs M = 1"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> BenchCases.create(req(Family.ELEMENTWISE, "4x4,4", "hypot", null, false))).getMessage()
                .contains("unknown elementwise op 'hypot'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> BenchCases.create(req(Family.ELEMENTWISE, "4x4", "add", null, false))).getMessage()
                .contains("add takes 2 input shape(s)"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> BenchCases.create(req(Family.MATMUL, "4x4x4", "add", null, false))).getMessage()
                .contains("matmul takes no operator"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> BenchCases.create(req(Family.LAYERNORM, "4x4", null, "0", false))).getMessage()
                .contains("normalizes the last axis"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> BenchCases.create(req(Family.SOFTMAX, "4x4", null, "2", false))).getMessage()
                .contains("axis 2 out of range"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> BenchCases.create(req(Family.SOFTMAX, "4x4", null, null, true))).getMessage()
                .contains("transB applies to matmul and gemv only"));
        BenchCase c = BenchCases.create(req(Family.SOFTMAX, "4x8", null, null, false));
        List<BenchCase.Candidate> all = c.candidates(LIMITS, NONE);
        assertEquals(List.of(all.get(1), all.get(0)), Workbench.select(all, new int[] {1, 0}));
        assertEquals("candidate " + all.size() + " does not exist: this problem has " + all.size() + " candidates (0.."
                + (all.size() - 1) + ")", assertThrows(IllegalArgumentException.class,
                () -> Workbench.select(all, new int[] {all.size()})).getMessage());
    }

    @Test void candidateListsParse() {
        assertEquals(null, WorkbenchRequest.parseCandidates("all"));
        assertEquals(null, WorkbenchRequest.parseCandidates(" "));
        assertEquals("[0, 3, 5]", java.util.Arrays.toString(WorkbenchRequest.parseCandidates("0,3,5")));
        assertEquals("[0, 1, 2, 7]", java.util.Arrays.toString(WorkbenchRequest.parseCandidates("0-2, 7, 1")));
        assertThrows(IllegalArgumentException.class, () -> WorkbenchRequest.parseCandidates("3-1"));
        assertThrows(IllegalArgumentException.class, () -> WorkbenchRequest.parseCandidates("-1"));
        assertThrows(IllegalArgumentException.class, () -> WorkbenchRequest.parseCandidates("x"));
        assertFalse(assertThrows(IllegalArgumentException.class, () -> WorkbenchRequest.of(Family.MATMUL, "4x4x4")
                .withRuns(0)).getMessage().isEmpty());
    }
}
