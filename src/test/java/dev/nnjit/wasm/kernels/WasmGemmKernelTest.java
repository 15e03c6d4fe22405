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
            new WasmGemmConfig(6, 8, 16, 12, 24, true, 2, true));   // RELAXED's tile, many small blocks

    static final int[][] SHAPES = {{1, 1, 1}, {3, 7, 5}, {7, 17, 33}, {17, 33, 65}, {33, 65, 17}, {65, 70, 129},
            {2, 4, 8}, {100, 96, 300}};

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
