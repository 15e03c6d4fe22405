package dev.nnjit.wasm.kernels;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.ops.fused.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The panel GEMV in Node against the engine's MatMul/Gemm/Relu reference ops, on B packed by the GEMM's own
 * {@link WasmGemmKernel#packB} (plain and transposed): widths that leave a partial panel, several panels per pass
 * and one, and threads' shares (ranges split at whole panels, the last ending at n). It sums in the reference's
 * order, so without a bias it must be bit-identical (with a bias, within the GEMM test's bound).
 */
class WasmPanelGemvKernelTest {
    @Test
    void matchesReferenceOpsOnPackedWeights() throws Exception {
        NodeWasm.assumeAvailable();
        Random rnd = new Random(11);
        NodeWasm node = new NodeWasm();
        record Case(String name, WasmGemmProblem p, float[] x, float[] b, float[] bias, int out) {}
        List<Case> cases = new ArrayList<>();
        for (WasmPanelGemvConfig config : List.of(WasmPanelGemvConfig.DEFAULT, new WasmPanelGemvConfig(8, 1),
                new WasmPanelGemvConfig(4, 3))) {
            for (int n : new int[] {1, 3, 8, 13, 37, 70, 130}) {
                for (int k : new int[] {1, 7, 65}) {
                    boolean epilogue = (n + k) % 2 == 0, transposed = n % 2 == 1;
                    WasmGemmProblem p = new WasmGemmProblem(1, n, k, epilogue,
                            epilogue ? Activation.RELU : Activation.NONE, true);
                    String name = "gemv_panels_" + config.key() + "_" + p.key() + (transposed ? "_T" : "");
                    NodeWasm.Job j = node.job(name, WasmPanelGemvKernel.INSTANCE.instance(config, p));
                    float[] x = WasmGemmKernelTest.random(rnd, k), b = WasmGemmKernelTest.random(rnd, k * n);
                    float[] bt = new float[k * n]; // B^T (n,k), what a Gemm's transB weight holds
                    for (int r = 0; r < k; r++) for (int c = 0; c < n; c++) bt[c * k + r] = b[r * n + c];
                    float[] packed = transposed ? WasmGemmKernel.packB(bt, k, n, config.nr(), true)
                            : WasmGemmKernel.packB(b, k, n, config.nr(), false);
                    float[] bias = epilogue ? WasmGemmKernelTest.random(rnd, n) : null;
                    int xo = j.input(x, 4), bo = j.input(packed), biasO = epilogue ? j.input(bias, 8) : -1;
                    int yo = j.output(n, 4);
                    int panels = (n + config.nr() - 1) / config.nr(), split = config.nr() * (panels / 2);
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
        System.out.println("wasm panel gemv: " + cases.size() + " cases");
    }

    @Test
    void needsOneRowAndPackedB() {
        assertThrows(IllegalArgumentException.class, () -> WasmPanelGemvKernel.INSTANCE.module(
                WasmPanelGemvConfig.DEFAULT, new WasmGemmProblem(1, 8, 8, false, Activation.NONE, false)));
        assertThrows(IllegalArgumentException.class, () -> WasmPanelGemvKernel.INSTANCE.module(
                WasmPanelGemvConfig.DEFAULT, new WasmGemmProblem(2, 8, 8, false, Activation.NONE, true)));
    }
}
