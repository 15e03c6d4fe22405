package dev.nnjit.wasm.kernels;

import static dev.nnjit.ops.math.MathOpTestSupport.attrs;
import static dev.nnjit.ops.math.MathOpTestSupport.run1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.model.Attribute;
import dev.nnjit.ops.OpContext;
import dev.nnjit.ops.OpRegistry;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.wasm.kernels.WasmElementwiseProblem.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The kernels the wasm-simd backend added, in Node against the engine's reference ops on random inputs with odd
 * sizes, rows split over two calls: Transpose (bit-exact, a copy), the broadcast binary ops (bit-exact: one IEEE
 * operation per element, as the reference), LayerNorm and RMSNorm (within 1e-5 x (1 + |y|): the kernel sums in f32,
 * the reference in double).
 */
class WasmLayoutAndNormKernelsTest {
    private static float[] random(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = r.nextFloat() * 4 - 2;
        return v;
    }

    private static int size(int[] s) {
        int n = 1;
        for (int d : s) n *= d;
        return n;
    }

    @Test
    void transposeProblemMergesAndDropsDims() {
        assertNull(WasmTransposeProblem.of(new int[] {1, 5, 1, 3}, new int[] {2, 0, 1, 3}), "order kept: a view");
        WasmTransposeProblem p = WasmTransposeProblem.of(new int[] {1, 128, 12, 32}, new int[] {0, 2, 1, 3});
        assertEquals("[12, 128, 32]", Arrays.toString(p.dims()));
        assertEquals("[32, 384, 1]", Arrays.toString(p.strides()));
    }

    @Test
    void transposeMatchesReference() throws Exception {
        NodeWasm.assumeAvailable();
        Random r = new Random(21);
        NodeWasm node = new NodeWasm();
        record Case(String name, int[] shape, int[] perm, float[] x, int out) {}
        List<Case> cases = new ArrayList<>();
        int[][][] shapesAndPerms = {
                {{3, 5}, {1, 0}}, {{1, 7, 3, 5}, {0, 2, 1, 3}}, {{2, 7, 3, 5}, {0, 2, 3, 1}}, {{3, 1, 9}, {2, 1, 0}},
                {{2, 3, 4, 5, 3}, {4, 1, 3, 0, 2}}, {{13, 6}, {1, 0}}};
        for (int[][] sp : shapesAndPerms) {
            for (boolean vector : new boolean[] {true, false}) {
                WasmTransposeProblem p = WasmTransposeProblem.of(sp[0], sp[1]);
                String name = "transpose_" + p.key() + "_" + vector;
                NodeWasm.Job j = node.job(name, WasmTransposeKernel.INSTANCE.instance(new WasmTransposeConfig(vector), p));
                float[] x = random(r, size(sp[0]));
                int xo = j.input(x, 4), oo = j.output(x.length, 0);
                int rows = p.dims()[0], split = rows / 2;
                j.call(xo, oo, 0, split);
                j.call(xo, oo, split, rows);
                cases.add(new Case(name, sp[0], sp[1], x, oo));
            }
        }
        Map<String, NodeWasm.Result> results = node.execute();
        for (Case c : cases) {
            NodeWasm.Result res = results.get(c.name);
            assertTrue(res.ok(), c.name + ": " + res.error());
            long[] perm = new long[c.perm.length];
            for (int i = 0; i < perm.length; i++) perm[i] = c.perm[i];
            Tensor[] in = {Tensor.ofFloats(c.shape, c.x)};
            Map<String, Attribute> at = attrs(Attribute.ofInts("perm", perm));
            float[] want = OpRegistry.defaults().find("", "Transpose")
                    .compute(OpContext.standalone("Transpose", 13, at, in, 1), in)[0].floats();
            assertTrue(Arrays.equals(want, res.floats(c.out)), c.name);
        }
    }

    @Test
    void broadcastOpsMatchReference() throws Exception {
        NodeWasm.assumeAvailable();
        Random r = new Random(22);
        NodeWasm node = new NodeWasm();
        record Case(String name, Op op, int[] xs, int[] ys, float[] x, float[] y, int out) {}
        List<Case> cases = new ArrayList<>();
        int[][][] shapes = {{{3, 7}, {7}}, {{2, 3, 33}, {1, 1, 33}}, {{5, 9}, {1}}, {{1, 4, 6, 13}, {1, 1, 1, 13}}};
        for (Op op : new Op[] {Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.MAX}) {
            for (int[][] s : shapes) {
                boolean scalar = size(s[1]) == 1;
                int inner = scalar ? size(s[0]) : size(s[1]);
                WasmBroadcastProblem p = new WasmBroadcastProblem(op, inner, scalar);
                String name = "broadcast_" + p.key() + "_" + Arrays.toString(s[0]);
                NodeWasm.Job j = node.job(name, WasmBroadcastKernel.INSTANCE.instance(new WasmElementwiseConfig(2), p));
                float[] x = random(r, size(s[0])), y = random(r, size(s[1]));
                int xo = j.input(x, 4), yo = j.input(y, 8), oo = j.output(x.length, 0);
                int rows = x.length / inner;
                j.call(xo, yo, oo, 0, rows / 2);
                j.call(xo, yo, oo, rows / 2, rows);
                cases.add(new Case(name, op, s[0], s[1], x, y, oo));
            }
        }
        Map<String, NodeWasm.Result> results = node.execute();
        for (Case c : cases) {
            NodeWasm.Result res = results.get(c.name);
            assertTrue(res.ok(), c.name + ": " + res.error());
            String onnx = c.op == Op.ADD ? "Add" : c.op == Op.SUB ? "Sub" : c.op == Op.MUL ? "Mul" : c.op == Op.DIV ? "Div" : "Max";
            float[] want = run1(onnx, 14, attrs(), Tensor.ofFloats(c.xs, c.x), Tensor.ofFloats(c.ys, c.y)).floats();
            assertTrue(Arrays.equals(want, res.floats(c.out)), c.name);
        }
    }

    @Test
    void layerNormAndRmsNormMatchReference() throws Exception {
        NodeWasm.assumeAvailable();
        Random r = new Random(23);
        NodeWasm node = new NodeWasm();
        record Case(String name, WasmNormProblem p, int rows, float[] x, float[] g, float[] b, int out) {}
        List<Case> cases = new ArrayList<>();
        for (WasmNormProblem.Kind kind : WasmNormProblem.Kind.values()) {
            for (int cols : new int[] {1, 7, 33, 384}) {
                for (boolean bias : kind == WasmNormProblem.Kind.LAYER ? new boolean[] {true, false} : new boolean[] {false}) {
                    WasmNormProblem p = new WasmNormProblem(kind, cols, bias, 1e-5f);
                    int rows = 5;
                    String name = "norm_" + p.key();
                    NodeWasm.Job j = node.job(name, WasmNormKernel.INSTANCE.instance(WasmSoftmaxConfig.DEFAULT, p));
                    float[] x = random(r, rows * cols), g = random(r, cols), b = bias ? random(r, cols) : null;
                    for (int i = 0; i < x.length; i++) x[i] += 3; // a mean far from zero
                    int xo = j.input(x, 4), go = j.input(g, 0), bo = bias ? j.input(b, 8) : -1, oo = j.output(x.length, 4);
                    for (int[] range : new int[][] {{0, 2}, {2, rows}}) {
                        if (bias) j.call(xo, go, bo, oo, range[0], range[1]);
                        else j.call(xo, go, oo, range[0], range[1]);
                    }
                    cases.add(new Case(name, p, rows, x, g, b, oo));
                }
            }
        }
        Map<String, NodeWasm.Result> results = node.execute();
        for (Case c : cases) {
            NodeWasm.Result res = results.get(c.name);
            assertTrue(res.ok(), c.name + ": " + res.error());
            int cols = c.p.cols();
            float[] want;
            if (c.p.kind() == WasmNormProblem.Kind.LAYER) {
                Tensor[] in = c.b == null
                        ? new Tensor[] {Tensor.ofFloats(new int[] {c.rows, cols}, c.x), Tensor.ofFloats(new int[] {cols}, c.g)}
                        : new Tensor[] {Tensor.ofFloats(new int[] {c.rows, cols}, c.x), Tensor.ofFloats(new int[] {cols}, c.g),
                                Tensor.ofFloats(new int[] {cols}, c.b)};
                want = run1("LayerNormalization", 17, attrs(Attribute.ofFloat("epsilon", 1e-5f)), in).floats();
            } else {
                want = new float[c.x.length];
                for (int row = 0; row < c.rows; row++) {
                    double ms = 0;
                    for (int i = 0; i < cols; i++) ms += (double) c.x[row * cols + i] * c.x[row * cols + i];
                    double inv = 1 / Math.sqrt(ms / cols + 1e-5f);
                    for (int i = 0; i < cols; i++) want[row * cols + i] = (float) (c.x[row * cols + i] * inv * c.g[i]);
                }
            }
            float[] got = res.floats(c.out);
            for (int i = 0; i < want.length; i++) {
                assertTrue(Math.abs(want[i] - got[i]) <= 1e-5 * (1 + Math.abs(want[i])), c.name + " [" + i + "]: want "
                        + want[i] + " got " + got[i]);
            }
        }
    }
}
