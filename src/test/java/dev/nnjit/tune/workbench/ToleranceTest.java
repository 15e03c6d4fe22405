package dev.nnjit.tune.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.tune.ErrorStats;
import dev.nnjit.tune.Tolerance;
import org.junit.jupiter.api.Test;

/**
 * The comparison rule, and the stated tolerances against independent computations: loose enough for f32 results
 * that are right (the Java reference against exact double arithmetic uses at most half of the matmul tolerance: the
 * kernel's side gets the other half), tight enough to reject a typical kernel bug (one k step lost).
 */
class ToleranceTest {
    @Test void compareCountsAndLocatesFailures() {
        Tolerance t = new Tolerance(0.1, 0.01, "test");
        ErrorStats ok = t.compare(new float[] {1.05f, -100.5f, Float.NaN}, new float[] {1f, -100f, Float.NaN});
        assertTrue(ok.pass());
        assertEquals(0.5, ok.maxAbs(), 1e-6);
        ErrorStats bad = t.compare(new float[] {1f, 2.2f, Float.NaN, Float.POSITIVE_INFINITY},
                new float[] {1f, 2f, 3f, Float.POSITIVE_INFINITY});
        assertFalse(bad.pass());
        assertEquals(2, bad.failing());
        assertEquals(2, bad.worstIndex()); // the NaN: infinitely far
        assertEquals(Double.POSITIVE_INFINITY, bad.worstRatio());
        assertTrue(Tolerance.exact("x").compare(new float[] {1f, 0f}, new float[] {1f, 0f}).pass());
        assertFalse(Tolerance.exact("x").compare(new float[] {1f}, new float[] {Math.nextUp(1f)}).pass());
        assertEquals("atol 1.00e-1, rtol 1.00e-2", t.describe());
    }

    @Test void matmulToleranceFitsF32AndRejectsALostStep() {
        int m = 16, n = 24, k = 1536;
        BenchCase c = BenchCases.create(new WorkbenchRequest(Family.MATMUL, m + "x" + n + "x" + k, false, null, null, 1e-5f,
                null, 1, 3, WorkbenchRequest.Timing.AUTO, false));
        float[] a = c.inputs().get(0), b = c.inputs().get(1);
        float[] ref = c.reference();
        float[] exact = new float[m * n];
        float[] lost = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int q = 0; q < k; q++) s += (double) a[i * k + q] * b[q * n + j];
                exact[i * n + j] = (float) s;
                lost[i * n + j] = (float) (s - (double) a[i * k + k - 1] * b[(k - 1) * n + j]);
            }
        }
        Tolerance t = c.tolerance();
        Tolerance half = new Tolerance(t.atol() / 2, t.rtol() / 2, "half");
        assertTrue(half.compare(ref, exact).pass(), "reference vs exact: " + half.compare(ref, exact));
        ErrorStats e = t.compare(lost, exact);
        assertTrue(e.failing() > m * n / 2, "a lost k step must fail most elements: " + e);
    }

    @Test void rowOpTolerancesFitTheF32References() {
        // Softmax reference (double, rounded once) against a float computation: within the stated tolerance.
        BenchCase sm = BenchCases.create(new WorkbenchRequest(Family.SOFTMAX, "8x1000", false, null, null, 1e-5f, null, 1,
                5, WorkbenchRequest.Timing.AUTO, false));
        float[] x = sm.inputs().get(0);
        float[] f = new float[x.length];
        for (int r = 0; r < 8; r++) {
            float mx = Float.NEGATIVE_INFINITY, s = 0;
            for (int j = 0; j < 1000; j++) mx = Math.max(mx, x[r * 1000 + j]);
            for (int j = 0; j < 1000; j++) s += (float) Math.exp(x[r * 1000 + j] - mx);
            for (int j = 0; j < 1000; j++) f[r * 1000 + j] = (float) Math.exp(x[r * 1000 + j] - mx) / s;
        }
        assertTrue(sm.tolerance().compare(f, sm.reference()).pass(), sm.tolerance().compare(f, sm.reference()).toString());
        // ReduceSum: a sequential float sum of 4096 values passes.
        BenchCase rs = BenchCases.create(new WorkbenchRequest(Family.REDUCE, "4x4096", false, "sum", null, 1e-5f, null, 1,
                5, WorkbenchRequest.Timing.AUTO, false));
        float[] xs = rs.inputs().get(0);
        float[] sums = new float[4];
        for (int r = 0; r < 4; r++) for (int j = 0; j < 4096; j++) sums[r] += xs[r * 4096 + j];
        assertTrue(rs.tolerance().compare(sums, rs.reference()).pass());
        // Elementwise add with broadcast: exact, and equal to a float add.
        BenchCase add = BenchCases.create(new WorkbenchRequest(Family.ELEMENTWISE, "3x4,4", false, "add", null, 1e-5f, null,
                1, 5, WorkbenchRequest.Timing.AUTO, false));
        float[] p = add.inputs().get(0), q = add.inputs().get(1);
        float[] sum = new float[12];
        for (int i = 0; i < 12; i++) sum[i] = p[i] + q[i % 4];
        assertEquals(0, add.tolerance().atol());
        assertTrue(add.tolerance().compare(sum, add.reference()).pass());
    }
}
