package dev.nnjit.wasm.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.ops.fused.Activation;
import dev.nnjit.wasm.kernels.WasmElementwiseProblem.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorActivation} in Node against the reference ({@link Activation#apply}, which the fused ops use): the
 * elementwise GELU, GELU_TANH and SiLU ops on random inputs in [-12, 12] with odd lengths, and the GEMM and GEMV
 * epilogues with every activation on odd shapes. Tolerance (the class contract): |error| <= 4e-7 (1 + |x|) for the
 * activation; for the epilogues the GEMM bound of {@link WasmGemmKernelTest} (times 1.2, GELU's largest slope) plus
 * that.
 */
class WasmActivationKernelTest {
    private static final Op[] OPS = {Op.GELU, Op.GELU_TANH, Op.SILU};

    private static double tolerance(double x) { return 4e-7 * (1 + Math.abs(x)); }

    @Test
    void elementwiseActivationsMatchTheReference() throws Exception {
        NodeWasm.assumeAvailable();
        Random r = new Random(5);
        NodeWasm node = new NodeWasm();
        record Case(String name, Op op, float[] x, int out) {}
        List<Case> cases = new ArrayList<>();
        for (Op op : OPS) {
            for (int n : new int[] {1, 5, 33, 1001}) {
                float[] x = new float[n];
                for (int i = 0; i < n; i++) x[i] = (r.nextFloat() * 2 - 1) * 12;
                if (n > 4) { x[0] = 0f; x[1] = -0f; x[2] = 30f; x[3] = -30f; }
                String name = op + "_n" + n;
                NodeWasm.Job j = node.job(name, WasmElementwiseKernel.INSTANCE.instance(WasmElementwiseConfig.DEFAULT,
                        new WasmElementwiseProblem(op)));
                int xo = j.input(x, 4), oo = j.output(n, 0);
                j.call(xo, oo, 0, n);
                cases.add(new Case(name, op, x, oo));
            }
        }
        Map<String, NodeWasm.Result> results = node.execute();
        double worst = 0;
        for (Case c : cases) {
            NodeWasm.Result res = results.get(c.name);
            assertTrue(res.ok(), c.name + ": " + res.error());
            float[] got = res.floats(c.out);
            for (int i = 0; i < c.x.length; i++) {
                float want = c.op.activation.apply(c.x[i]);
                double err = Math.abs((double) want - got[i]);
                worst = Math.max(worst, err / (1 + Math.abs(c.x[i])));
                assertTrue(err <= tolerance(c.x[i]), c.name + " x=" + c.x[i] + ": want " + want + " got " + got[i]);
            }
        }
        System.out.println("wasm activations: " + cases.size() + " cases, worst |error| / (1 + |x|) = " + worst);
    }

    @Test
    void gemmAndGemvEpiloguesApplyEveryActivation() throws Exception {
        NodeWasm.assumeAvailable();
        Random rnd = new Random(9);
        NodeWasm node = new NodeWasm();
        record Case(String name, WasmGemmProblem p, float[] a, float[] b, float[] bias, int out) {}
        List<Case> cases = new ArrayList<>();
        for (Activation act : Activation.values()) {
            for (int[] s : new int[][] {{1, 37, 19}, {13, 29, 71}, {65, 70, 129}}) {
                WasmGemmProblem p = new WasmGemmProblem(s[0], s[1], s[2], true, act);
                boolean gemv = p.m() == 1;
                WasmKernelInstance k = gemv ? WasmGemvKernel.INSTANCE.instance(WasmGemvConfig.DEFAULT, p)
                        : WasmGemmKernel.INSTANCE.instance(WasmGemmConfig.DEFAULT, p);
                String name = k.family() + "_" + p.key();
                NodeWasm.Job j = node.job(name, k);
                float[] a = WasmGemmKernelTest.random(rnd, p.m() * p.k()), b = WasmGemmKernelTest.random(rnd, p.k() * p.n());
                float[] bias = WasmGemmKernelTest.random(rnd, p.n());
                int ao = j.input(a, 4), bo = j.input(b, 0), biasO = j.input(bias, 8), co = j.output(p.m() * p.n(), 4);
                if (gemv) {
                    j.call(ao, bo, biasO, co, 0, p.n());
                } else {
                    int ws = j.reserve(k.workspaceBytes(), 0);
                    j.call(ao, bo, biasO, co, ws, 0, p.m());
                }
                cases.add(new Case(name, p, a, b, bias, co));
            }
        }
        Map<String, NodeWasm.Result> results = node.execute();
        for (Case c : cases) {
            NodeWasm.Result res = results.get(c.name);
            assertTrue(res.ok(), c.name + ": " + res.error());
            float[] got = res.floats(c.out);
            WasmGemmProblem p = c.p;
            for (int i = 0; i < p.m(); i++) {
                for (int jj = 0; jj < p.n(); jj++) {
                    float v = 0;
                    double mag = Math.abs(c.bias[jj]);
                    for (int q = 0; q < p.k(); q++) {
                        v += c.a[i * p.k() + q] * c.b[q * p.n() + jj];
                        mag += Math.abs((double) c.a[i * p.k() + q] * c.b[q * p.n() + jj]);
                    }
                    float want = p.activation().apply(v + c.bias[jj]);
                    double tol = 1.2 * 2.0 * (p.k() + 2) * 0x1p-24 * mag + tolerance(v);
                    int at = i * p.n() + jj;
                    assertTrue(Math.abs(want - got[at]) <= tol, c.name + " C[" + i + "][" + jj + "]: want " + want
                            + " got " + got[at] + " tol " + tol);
                }
            }
        }
        System.out.println("wasm gemm/gemv epilogues: " + cases.size() + " cases within tolerance");
    }

}
