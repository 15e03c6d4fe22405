package dev.nnjit.wasm.kernels;

import static dev.nnjit.ops.math.MathOpTestSupport.attrs;
import static dev.nnjit.ops.math.MathOpTestSupport.run1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.ops.fused.Activation;
import dev.nnjit.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Wasm GEMM and GEMV kernels in Node against the engine's MatMul and Gemm (+ Relu) reference ops, on random
 * inputs in [-1, 1) at odd sizes (1, 3, 7, 17, 33, 65, ...) that cut every block and tile edge, across configs
 * (packed and direct A, small blocks that force several kc/mc/nc blocks, relaxed madd), each run as two calls over
 * disjoint row (or column) ranges.
 *
 * <p>Tolerance: the kernel and the reference both sum k rounded products in f32, in different orders (the kernel
 * restarts at each kc block; relaxed madd may fuse), so each is within gamma_k = k * eps of the exact sum,
 * relative to sum_p |A[i][p] B[p][j]| (the classical recursive-summation bound), eps = 2^-24. The test allows
 * 2 * (k + 2) * eps * (sum_p |A B| + |bias|): both errors plus the bias add. Where the kernel's order equals the
 * reference's (k <= kc, no relaxed madd, no bias: one block of increasing k, mul then add) the test asks for
 * bit-identical results, since MatMulKernel's documented order is exactly that.
 */
class WasmGemmKernelTest {
    private static final float EPS = 0x1p-24f;

    static float[] random(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = r.nextFloat() * 2 - 1;
        return v;
    }

    private record Case(String name, WasmGemmConfig cf, WasmGemmProblem p, float[] a, float[] b, float[] bias, int out) {}

    static final List<WasmGemmConfig> CONFIGS = List.of(
            WasmGemmConfig.DEFAULT,
            new WasmGemmConfig(4, 8, 16, 8, 16, true, 4, false),   // many small blocks, unroll remainder
            new WasmGemmConfig(4, 8, 16, 8, 16, false, 1, false),  // A read in place
            new WasmGemmConfig(6, 8, 32, 12, 24, true, 2, false),
            new WasmGemmConfig(3, 12, 64, 9, 48, false, 3, false),
            new WasmGemmConfig(4, 8, 256, 64, 512, true, 2, true),  // relaxed madd
            WasmGemmConfig.RELAXED,                                 // the default where relaxed SIMD is detected
            new WasmGemmConfig(6, 8, 16, 12, 24, true, 2, true),    // RELAXED's tile, many small blocks
            new WasmGemmConfig(6, 8, 256, 72, 512, true, 2, true),  // RELAXED before 2026-12-05
            new WasmGemmConfig(5, 8, 256, 60, 512, true, 2, false), // mul + add candidates (WasmGemmBench)
            new WasmGemmConfig(4, 8, 1024, 48, 512, true, 2, false),
            new WasmGemmConfig(5, 8, 1024, 40, 512, true, 2, false));

    static final int[][] SHAPES = {{1, 1, 1}, {3, 7, 5}, {7, 17, 33}, {17, 33, 65}, {33, 65, 17}, {65, 70, 129},
            {2, 4, 8}, {100, 96, 300}, {13, 21, 1100}};   // the last: K > 1024, more than one K block of RELAXED

    @Test
    void gemmMatchesReferenceOps() throws Exception {
        NodeWasm.assumeAvailable();
        Random rnd = new Random(3);
        NodeWasm node = new NodeWasm();
        List<Case> cases = new ArrayList<>();
        int idx = 0;
        for (WasmGemmConfig cf : CONFIGS) {
            for (int[] s : SHAPES) {
                boolean epilogue = idx++ % 2 == 1;
                WasmGemmProblem p = new WasmGemmProblem(s[0], s[1], s[2], epilogue,
                        epilogue ? Activation.RELU : Activation.NONE);
                WasmKernelInstance k = WasmGemmKernel.INSTANCE.instance(cf, p);
                String name = "gemm_" + cf.key() + "_" + p.key();
                NodeWasm.Job j = node.job(name, k);
                float[] a = random(rnd, p.m() * p.k()), b = random(rnd, p.k() * p.n());
                float[] bias = epilogue ? random(rnd, p.n()) : null;
                int ao = j.input(a, 4), bo = j.input(b, 8), biasO = epilogue ? j.input(bias, 12) : -1;
                int co = j.output(p.m() * p.n(), 4);
                int ws = j.reserve(k.workspaceBytes(), 0);
                int split = (p.m() + 1) / 2;
                for (int[] range : new int[][] {{0, split}, {split, p.m()}}) {
                    if (epilogue) j.call(ao, bo, biasO, co, ws, range[0], range[1]);
                    else j.call(ao, bo, co, ws, range[0], range[1]);
                }
                cases.add(new Case(name, cf, p, a, b, bias, co));
            }
        }
        Map<String, NodeWasm.Result> results = node.execute();
        int exact = 0;
        for (Case c : cases) {
            NodeWasm.Result res = results.get(c.name);
            assertTrue(res.ok(), c.name + ": " + res.error());
            check(c.name, c.p, c.a, c.b, c.bias, res.floats(c.out), !c.cf.relaxedMadd() && c.p.k() <= c.cf.kc());
            if (!c.cf.relaxedMadd() && c.p.k() <= c.cf.kc() && !c.p.bias()) exact++;
        }
        System.out.println("wasm gemm: " + cases.size() + " cases within tolerance, " + exact + " of them bit-exact");
    }

    /** Schedules for B packed ahead of time (weights) and for column ranges, each with row-major and packed B. */
    static final List<WasmGemmConfig> COLUMN_CONFIGS = List.of(
            WasmGemmConfig.RELAXED.withSplitColumns(true),
            WasmGemmConfig.DEFAULT.withSplitColumns(true),
            new WasmGemmConfig(4, 8, 16, 8, 16, true, 4, false, true),   // many small blocks, unroll remainder
            new WasmGemmConfig(3, 12, 64, 9, 48, false, 3, false, true), // A in place, 12-wide panels
            new WasmGemmConfig(6, 8, 16, 12, 24, true, 2, true),         // rows split over packed B
            new WasmGemmConfig(6, 8, 1024, 72, 512, true, 2, true, true), // WasmGemmBench's K-block candidates
            new WasmGemmConfig(6, 8, 512, 72, 512, true, 2, true, true),
            new WasmGemmConfig(6, 8, 1024, 120, 512, true, 2, true, true),
            new WasmGemmConfig(6, 8, 256, 72, 512, true, 2, true, true),  // RELAXED's before 2026-12-05
            new WasmGemmConfig(4, 8, 1024, 48, 512, true, 2, false, true),
            new WasmGemmConfig(6, 8, 1024, 48, 512, true, 4, true, true),
            new WasmGemmConfig(6, 8, 1024, 48, 512, true, 1, true, true),
            new WasmGemmConfig(6, 8, 1024, 48, 512, true, 2, true, true));

    static final int[][] COLUMN_SHAPES = {{1, 1, 1}, {3, 7, 5}, {16, 33, 65}, {16, 70, 129}, {17, 9, 300},
            {16, 96, 40}, {50, 20, 1100}};

    /**
     * Packed B ({@link WasmGemmKernel#packB}) and column ranges: two calls over disjoint column ranges split at a
     * whole panel (as {@code KernelThreads} splits them, so one range may be empty), or, for a row split, rows.
     */
    @Test
    void packedBAndColumnRangesMatchReferenceOps() throws Exception {
        NodeWasm.assumeAvailable();
        Random rnd = new Random(5);
        NodeWasm node = new NodeWasm();
        List<Case> cases = new ArrayList<>();
        int idx = 0;
        for (WasmGemmConfig cf : COLUMN_CONFIGS) {
            for (int[] s : COLUMN_SHAPES) {
                for (boolean packed : new boolean[] {false, true}) {
                    if (!packed && !cf.splitColumns()) continue;
                    boolean epilogue = idx++ % 2 == 1;
                    WasmGemmProblem p = new WasmGemmProblem(s[0], s[1], s[2], epilogue,
                            epilogue ? Activation.RELU : Activation.NONE, packed);
                    WasmKernelInstance k = WasmGemmKernel.INSTANCE.instance(cf, p);
                    String name = "gemm_" + cf.key() + "_" + p.key();
                    NodeWasm.Job j = node.job(name, k);
                    float[] a = random(rnd, p.m() * p.k()), b = random(rnd, p.k() * p.n());
                    float[] bias = epilogue ? random(rnd, p.n()) : null;
                    float[] bIn = packed ? WasmGemmKernel.packB(b, p.k(), p.n(), cf.nr(), false) : b;
                    int ao = j.input(a, 4), bo = j.input(bIn, packed ? 0 : 8), biasO = epilogue ? j.input(bias, 12) : -1;
                    int co = j.output(p.m() * p.n(), 4);
                    int ws = j.reserve(k.workspaceBytes(), 0);
                    int end = cf.splitColumns() ? p.n() : p.m();
                    int split = cf.splitColumns()
                            ? (packed ? Math.min(p.n(), cf.nr() * (((p.n() + cf.nr() - 1) / cf.nr()) / 2)) : p.n() / 2 + 1)
                            : (p.m() + 1) / 2;
                    split = Math.min(split, end);
                    for (int[] range : new int[][] {{0, split}, {split, end}}) {
                        if (epilogue) j.call(ao, bo, biasO, co, ws, range[0], range[1]);
                        else j.call(ao, bo, co, ws, range[0], range[1]);
                    }
                    cases.add(new Case(name, cf, p, a, b, bias, co));
                }
            }
        }
        Map<String, NodeWasm.Result> results = node.execute();
        for (Case c : cases) {
            NodeWasm.Result res = results.get(c.name);
            assertTrue(res.ok(), c.name + ": " + res.error());
            check(c.name, c.p, c.a, c.b, c.bias, res.floats(c.out), !c.cf.relaxedMadd() && c.p.k() <= c.cf.kc());
        }
        System.out.println("wasm gemm, packed B / column ranges: " + cases.size() + " cases within tolerance");
    }

    /** packB from B^T (a transB weight) writes what packB from B writes, zero padding included. */
    @Test
    void packBFromTransposedEqualsPackBFromB() {
        Random rnd = new Random(9);
        for (int[] s : new int[][] {{1, 1}, {7, 5}, {33, 17}, {64, 24}, {130, 19}}) { // k > 64: several row blocks
            int k = s[0], n = s[1];
            float[] b = random(rnd, k * n), bt = new float[k * n];
            for (int p = 0; p < k; p++) for (int q = 0; q < n; q++) bt[q * k + p] = b[p * n + q];
            for (int nr : new int[] {4, 8, 12}) {
                float[] want = WasmGemmKernel.packB(b, k, n, nr, false);
                assertEquals(WasmGemmKernel.packedBFloats(k, n, nr), want.length);
                org.junit.jupiter.api.Assertions.assertArrayEquals(want, WasmGemmKernel.packB(bt, k, n, nr, true),
                        k + "x" + n + " nr " + nr);
                for (int q = 0; q < n; q++) {
                    for (int p = 0; p < k; p++) assertEquals(b[p * n + q], want[(q / nr) * k * nr + p * nr + q % nr]);
                }
            }
        }
    }

    /** Compares with MatMul (or Gemm with bias, then Relu) from the engine's ops. */
    static void check(String name, WasmGemmProblem p, float[] a, float[] b, float[] bias, float[] got,
                      boolean sameOrder) {
        Tensor ta = Tensor.ofFloats(new int[] {p.m(), p.k()}, a), tb = Tensor.ofFloats(new int[] {p.k(), p.n()}, b);
        Tensor ref = bias == null ? run1("MatMul", 13, attrs(), ta, tb)
                : run1("Gemm", 13, attrs(), ta, tb, Tensor.ofFloats(new int[] {p.n()}, bias));
        if (p.activation() == Activation.RELU) ref = run1("Relu", 14, attrs(), ref);
        float[] want = ref.floats();
        assertEquals(want.length, got.length);
        for (int i = 0; i < p.m(); i++) {
            for (int jj = 0; jj < p.n(); jj++) {
                double mag = bias == null ? 0 : Math.abs(bias[jj]);
                for (int q = 0; q < p.k(); q++) mag += Math.abs((double) a[i * p.k() + q] * b[q * p.n() + jj]);
                int at = i * p.n() + jj;
                double tol = sameOrder && bias == null ? 0 : 2.0 * (p.k() + 2) * EPS * mag;
                assertTrue(Math.abs(want[at] - got[at]) <= tol, name + " C[" + i + "][" + jj + "]: want " + want[at]
                        + " got " + got[at] + " tol " + tol);
            }
        }
    }
}
