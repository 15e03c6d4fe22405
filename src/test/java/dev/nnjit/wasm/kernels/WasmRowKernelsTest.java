package dev.nnjit.wasm.kernels;

import static dev.nnjit.ops.math.MathOpTestSupport.attrs;
import static dev.nnjit.ops.math.MathOpTestSupport.intAttr;
import static dev.nnjit.ops.math.MathOpTestSupport.run1;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.ops.fused.Activation;
import dev.nnjit.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * GEMV (m = 1) and softmax Wasm kernels in Node against the engine's MatMul/Gemm/Relu and Softmax reference ops, odd
 * sizes, two calls over disjoint ranges. GEMV sums in the reference's order, so without a bias it must be
 * bit-identical (with a bias, within the GEMM test's bound). Softmax: relative error at most
 * (cols + 8 + |x - max|) * 2^-24 against the reference (computed in double, rounded once): 2 ulp of exp, (cols - 1)
 * eps of the f32 sum, the reciprocal and product roundings, and the f32 rounding of x - max (half an ulp of |x - max|
 * absolute, which exp turns into that much relative error).
 */
class WasmRowKernelsTest {
    private static final int[] SIZES = {1, 3, 7, 17, 33, 65, 130};

    @Test
    void gemvMatchesReferenceOps() throws Exception {
        NodeWasm.assumeAvailable();
        Random rnd = new Random(5);
        NodeWasm node = new NodeWasm();
        record Case(String name, WasmGemmProblem p, float[] x, float[] b, float[] bias, int out) {}
        List<Case> cases = new ArrayList<>();
        for (int vectors : new int[] {1, 4}) {
            for (int n : SIZES) {
                for (int k : new int[] {1, 7, 65}) {
                    boolean epilogue = (n + k) % 2 == 0;
                    WasmGemmProblem p = new WasmGemmProblem(1, n, k, epilogue, epilogue ? Activation.RELU : Activation.NONE);
                    WasmKernelInstance inst = WasmGemvKernel.INSTANCE.instance(new WasmGemvConfig(vectors), p);
                    String name = "gemv_v" + vectors + "_" + p.key();
                    NodeWasm.Job j = node.job(name, inst);
                    float[] x = WasmGemmKernelTest.random(rnd, k), b = WasmGemmKernelTest.random(rnd, k * n);
                    float[] bias = epilogue ? WasmGemmKernelTest.random(rnd, n) : null;
                    int xo = j.input(x, 4), bo = j.input(b, 4), biasO = epilogue ? j.input(bias, 8) : -1;
                    int yo = j.output(n, 4);
                    int split = n / 2;
                    for (int[] r : new int[][] {{0, split}, {split, n}}) {
                        if (epilogue) j.call(xo, bo, biasO, yo, r[0], r[1]);
                        else j.call(xo, bo, yo, r[0], r[1]);
                    }
                    cases.add(new Case(name, p, x, b, bias, yo));
                }
            }
        }
        Map<String, NodeWasm.Result> res = node.execute();
        for (Case c : cases) {
            NodeWasm.Result r = res.get(c.name);
            assertTrue(r.ok(), c.name + ": " + r.error());
            WasmGemmKernelTest.check(c.name, c.p, c.x, c.b, c.bias, r.floats(c.out), true);
        }
        System.out.println("wasm gemv: " + cases.size() + " cases");
    }

    @Test
    void softmaxMatchesReferenceOp() throws Exception {
        NodeWasm.assumeAvailable();
        Random rnd = new Random(9);
        NodeWasm node = new NodeWasm();
        record Case(String name, int rows, int cols, float[] x, int out) {}
        List<Case> cases = new ArrayList<>();
        for (int vectors : new int[] {1, 2}) {
            for (int cols : SIZES) {
                int rows = 5;
                float[] x = new float[rows * cols];
                for (int i = 0; i < x.length; i++) x[i] = (rnd.nextFloat() * 2 - 1) * 20;
                if (cols > 3) x[cols + 1] = Float.NEGATIVE_INFINITY; // a masked position in row 1
                String name = "softmax_v" + vectors + "_c" + cols;
                NodeWasm.Job j = node.job(name, WasmSoftmaxKernel.INSTANCE.instance(new WasmSoftmaxConfig(vectors),
                        new WasmSoftmaxProblem(cols)));
                int xo = j.input(x, 4), yo = j.output(rows * cols, 8);
                j.call(xo, yo, 0, 2);
                j.call(xo, yo, 2, rows);
                cases.add(new Case(name, rows, cols, x, yo));
            }
        }
        Map<String, NodeWasm.Result> res = node.execute();
        double worst = 0;
        for (Case c : cases) {
            NodeWasm.Result r = res.get(c.name);
            assertTrue(r.ok(), c.name + ": " + r.error());
            float[] want = run1("Softmax", 13, attrs(intAttr("axis", -1)),
                    Tensor.ofFloats(new int[] {c.rows, c.cols}, c.x)).floats();
            float[] got = r.floats(c.out);
            for (int i = 0; i < want.length; i++) {
                double rowMax = Double.NEGATIVE_INFINITY;
                for (int q = i / c.cols * c.cols; q < (i / c.cols + 1) * c.cols; q++) rowMax = Math.max(rowMax, c.x[q]);
                double tol = (c.cols + 8 + Math.abs(c.x[i] - rowMax)) * 0x1p-24;
                double err = Math.abs(want[i] - got[i]);
                worst = Math.max(worst, want[i] == 0 ? err : err / want[i]);
                assertTrue(err <= (want[i] == 0 ? 0 : tol * want[i]) + 1e-37, c.name + " [" + i + "]: want " + want[i] + " got " + got[i]);
            }
        }
        System.out.println("wasm softmax: " + cases.size() + " cases, worst relative error " + worst);
    }
}
