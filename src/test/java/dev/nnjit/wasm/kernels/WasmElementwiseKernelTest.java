package dev.nnjit.wasm.kernels;

import static dev.nnjit.ops.math.MathOpTestSupport.attrs;
import static dev.nnjit.ops.math.MathOpTestSupport.run1;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.tensor.Tensor;
import dev.nnjit.wasm.kernels.WasmElementwiseProblem.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The elementwise Wasm kernels in Node against the engine's reference ops (Add, Sub, Mul, Div, Max, Relu, Exp) on
 * random inputs with NaN, infinities and signed zeros mixed in, odd lengths, unaligned tensors, and the range split
 * over two calls. Tolerance: exact for the IEEE-rounded ops (f32x4 add/sub/mul/max round like Java float, and
 * -0 == +0 is accepted for Relu, whose reference keeps -0 where f32x4.max gives +0); exp within 2 ulp of
 * (float) Math.exp, the {@link VectorExp} contract.
 */
class WasmElementwiseKernelTest {
    private static final int[] LENGTHS = {1, 3, 7, 17, 33, 65, 1000};

    private static float[] random(Random r, int n, float lo, float hi, boolean specials) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = lo + (hi - lo) * r.nextFloat();
        if (specials && n > 8) {
            float[] s = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, 0f};
            for (int i = 0; i < s.length; i++) v[r.nextInt(n)] = s[i];
        }
        return v;
    }

    private static String onnxName(Op op) {
        switch (op) {
            case ADD: return "Add";
            case SUB: return "Sub";
            case MUL: return "Mul";
            case DIV: return "Div";
            case MAX: return "Max";
            case RELU: return "Relu";
            default: return "Exp";
        }
    }

    /** ulp distance between two finite floats of the same sign (their bit patterns are ordered). */
    static long ulps(float a, float b) {
        if (Float.isNaN(a) || Float.isNaN(b)) return Float.isNaN(a) && Float.isNaN(b) ? 0 : Long.MAX_VALUE;
        if (a == b) return 0;
        if (Math.signum(a) != Math.signum(b) && a != 0 && b != 0) return Long.MAX_VALUE;
        return Math.abs((long) Float.floatToIntBits(Math.abs(a)) - Float.floatToIntBits(Math.abs(b)));
    }

    @Test
    void matchesReferenceOps() throws Exception {
        NodeWasm.assumeAvailable();
        Random r = new Random(7);
        NodeWasm node = new NodeWasm();
        record Case(String name, Op op, float[] x, float[] y, int out) {}
        List<Case> cases = new ArrayList<>();
        for (Op op : Op.values()) {
            if (op.activation != null) continue; // WasmActivationKernelTest
            for (int unroll : new int[] {1, 4}) {
                WasmKernelInstance k = WasmElementwiseKernel.INSTANCE.instance(new WasmElementwiseConfig(unroll),
                        new WasmElementwiseProblem(op));
                for (int n : LENGTHS) {
                    int skew = n % 2 == 0 ? 0 : 4;
                    boolean exp = op == Op.EXP;
                    float[] x = random(r, n, exp ? -100f : -10f, exp ? 89f : 10f, true);
                    float[] y = random(r, n, -10f, 10f, true);
                    String name = op + "_u" + unroll + "_n" + n;
                    NodeWasm.Job j = node.job(name, k);
                    int xo = j.input(x, skew), yo = op.arity == 2 ? j.input(y) : -1, oo = j.output(n, skew);
                    int split = n / 3;
                    for (int[] range : new int[][] {{0, split}, {split, n}}) {
                        if (op.arity == 2) j.call(xo, yo, oo, range[0], range[1]);
                        else j.call(xo, oo, range[0], range[1]);
                    }
                    cases.add(new Case(name, op, x, op.arity == 2 ? y : null, oo));
                }
            }
        }
        Map<String, NodeWasm.Result> results = node.execute();
        long worstExpUlps = 0;
        for (Case c : cases) {
            NodeWasm.Result res = results.get(c.name);
            assertTrue(res.ok(), c.name + ": " + res.error());
            int[] shape = {c.x.length};
            Tensor ref = c.y == null ? run1(onnxName(c.op), 14, attrs(), Tensor.ofFloats(shape, c.x))
                    : run1(onnxName(c.op), 14, attrs(), Tensor.ofFloats(shape, c.x), Tensor.ofFloats(shape, c.y));
            float[] want = ref.floats(), got = res.floats(c.out);
            for (int i = 0; i < want.length; i++) {
                long u = ulps(want[i], got[i]);
                if (c.op == Op.EXP) worstExpUlps = Math.max(worstExpUlps, u);
                assertTrue(u <= (c.op == Op.EXP ? 2 : 0), c.name + " [" + i + "] x=" + c.x[i]
                        + (c.y == null ? "" : " y=" + c.y[i]) + ": want " + want[i] + " got " + got[i]);
            }
        }
        System.out.println("wasm elementwise: " + cases.size() + " cases, worst exp error " + worstExpUlps + " ulp");
    }

    @Test
    void expAccuracyAndEdges() throws Exception {
        NodeWasm.assumeAvailable();
        Random r = new Random(11);
        int n = 100_000;
        float[] x = random(r, n, -100f, 89f, false);
        float[] edges = {Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, Float.NaN, -0f, 0f, 1e-8f, -1e-8f, -104.5f,
                -103.9f, -103.2f, -87.34f, -87.3f, -80f, 88.72f, 88.7228f, 88.73f, 89f, 100f, 0.3465736f, -0.3465736f,
                1f, -1f, 10.5f, Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE};
        System.arraycopy(edges, 0, x, 0, edges.length);
        NodeWasm node = new NodeWasm();
        NodeWasm.Job j = node.job("exp", WasmElementwiseKernel.INSTANCE.instance(WasmElementwiseConfig.DEFAULT,
                new WasmElementwiseProblem(Op.EXP)));
        int xo = j.input(x), oo = j.output(n);
        j.call(xo, oo, 0, n);
        NodeWasm.Result res = node.execute().get("exp");
        assertTrue(res.ok(), res.error());
        float[] got = res.floats(oo);
        long worst = 0;
        for (int i = 0; i < n; i++) {
            float want = (float) Math.exp(x[i]);
            long u = ulps(want, got[i]);
            worst = Math.max(worst, u);
            assertTrue(u <= 2, "exp(" + x[i] + "): want " + want + " got " + got[i]);
        }
        System.out.println("wasm exp: worst error over " + n + " inputs " + worst + " ulp");
    }
}
