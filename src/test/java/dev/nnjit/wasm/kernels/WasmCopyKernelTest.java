package dev.nnjit.wasm.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The row copy in Node: each of two inputs copied into its slice of a Concat's output (rows of the output's width),
 * widths with and without a vector tail, rows split across two calls; bit-exact, the rest of the output untouched.
 */
class WasmCopyKernelTest {
    @Test
    void concatenatesRowsExactly() throws Exception {
        NodeWasm.assumeAvailable();
        Random rnd = new Random(3);
        NodeWasm node = new NodeWasm();
        record Case(String name, float[] want, int out) {}
        List<Case> cases = new ArrayList<>();
        for (int unroll : new int[] {1, 2, 4}) {
            for (int[] widths : new int[][] {{5, 3}, {16, 1}, {33, 64}, {1, 1}}) {
                int rows = 7, total = widths[0] + widths[1];
                String name = "copy_u" + unroll + "_" + widths[0] + "_" + widths[1];
                float[][] inputs = {WasmGemmKernelTest.random(rnd, rows * widths[0]),
                        WasmGemmKernelTest.random(rnd, rows * widths[1])};
                int offset = 0;
                for (int part = 0; part < 2; part++) { // each input into its slice (one module per width)
                    int w = widths[part];
                    float[] want = new float[rows * total];
                    java.util.Arrays.fill(want, Float.NaN); // run.mjs fills memory with NaN: the rest stays untouched
                    for (int r = 0; r < rows; r++) System.arraycopy(inputs[part], r * w, want, r * total + offset, w);
                    NodeWasm.Job j = node.job(name + "_" + part, WasmCopyKernel.INSTANCE.instance(
                            new WasmElementwiseConfig(unroll), new WasmCopyProblem(w, w, total)));
                    int in = j.input(inputs[part], 4 * part), yo = j.output(rows * total, 4);
                    for (int[] r : new int[][] {{0, 3}, {3, rows}}) j.call(in, yo + 4 * offset, r[0], r[1]);
                    cases.add(new Case(name + "_" + part, want, yo));
                    offset += w;
                }
            }
        }
        Map<String, NodeWasm.Result> res = node.execute();
        for (Case c : cases) {
            NodeWasm.Result r = res.get(c.name);
            assertTrue(r.ok(), c.name + ": " + r.error());
            assertArrayEquals(c.want, r.floats(c.out), c.name);
        }
        System.out.println("wasm copy: " + cases.size() + " cases");
    }
}
