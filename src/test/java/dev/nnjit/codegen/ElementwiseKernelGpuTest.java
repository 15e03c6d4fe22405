package dev.nnjit.codegen;

import static dev.nnjit.codegen.ElementwiseExpr.input;
import static dev.nnjit.codegen.ElementwiseExpr.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nnjit.ops.fused.ElementwiseOp;
import dev.nnjit.schedule.ElementwiseConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Runs generated elementwise kernels on Dawn + SwiftShader and compares every element with {@link ExprReference}.
 * Tolerance |gpu - ref| <= 2e-6 + 2e-5 |ref|: WGSL allows exp/log/tanh a few ulp (relative ~1e-6 at these
 * magnitudes) and nn_erf is an approximation with |error| <= 1.5e-7 plus f32 rounding; pure arithmetic, integer and
 * bool results must match exactly.
 */
class ElementwiseKernelGpuTest {
    private static final ScalarType F = ScalarType.F32;
    private static final ScalarType I = ScalarType.I32;
    private static final ScalarType B = ScalarType.BOOL;

    private record Case(String name, ElementwiseProblem p, ElementwiseConfig c, double[][] inputs) {}

    private final Random rnd = new Random(42);
    private final List<Case> cases = new ArrayList<>();

    private double[] random(ScalarType t, long n, double scale) {
        double[] v = new double[(int) n];
        for (int i = 0; i < n; i++) {
            switch (t) {
                case F32: v[i] = (float) ((rnd.nextDouble() * 2 - 1) * scale); break;
                case I32: v[i] = rnd.nextInt(41) - 20; break;
                default: v[i] = rnd.nextBoolean() ? 1 : 0;
            }
        }
        return v;
    }

    private void add(String name, ElementwiseProblem p, double scale, ElementwiseConfig... configs) {
        double[][] in = new double[p.inputs().size()][];
        for (int i = 0; i < in.length; i++) in[i] = random(p.inputs().get(i).type(), p.inputs().get(i).elements(), scale);
        for (ElementwiseConfig c : configs) cases.add(new Case(name + "_" + c.key(), p, c, in));
    }

    private static ElementwiseProblem bcast(String label, int[] out, ElementwiseExpr e, ScalarType[] types, int[]... shapes) {
        List<ElementwiseInput> ins = new ArrayList<>();
        for (int i = 0; i < shapes.length; i++) ins.add(ElementwiseInput.broadcast(types[i], shapes[i], out));
        return new ElementwiseProblem(label, out, ins, e);
    }

    private static final ElementwiseConfig V4 = new ElementwiseConfig(64, 1, true);
    private static final ElementwiseConfig V4E2 = new ElementwiseConfig(128, 2, true);
    private static final ElementwiseConfig S1 = new ElementwiseConfig(64, 1, false);
    private static final ElementwiseConfig S4 = new ElementwiseConfig(64, 4, false);

    @Test
    void kernelsMatchReference() throws Exception {
        assumeTrue(DawnHarness.available(), "Dawn tool not installed (cd tools/wgsl-check && npm ci)");
        ElementwiseExpr x0 = input(0, F);
        ElementwiseExpr x1 = input(1, F);
        add("add_bcast", bcast("Add", new int[] {2, 3, 8}, of(ElementwiseOp.ADD, x0, x1), new ScalarType[] {F, F},
                new int[] {2, 3, 8}, new int[] {8}), 10, V4, V4E2, S1, S4);
        add("mul_bcast_mid", bcast("Mul", new int[] {4, 5, 12}, of(ElementwiseOp.MUL, x0, x1), new ScalarType[] {F, F},
                new int[] {4, 1, 12}, new int[] {5, 1}), 10, V4, S1);
        // GELU written out as the ONNX graph does: x * 0.5 * (1 + erf(x / sqrt 2)), with x shared.
        ElementwiseExpr gelu = of(ElementwiseOp.MUL, of(ElementwiseOp.MUL, x0, ElementwiseExpr.f32(0.5)),
                of(ElementwiseOp.ADD, ElementwiseExpr.f32(1), of(ElementwiseOp.ERF, of(ElementwiseOp.DIV, x0,
                        ElementwiseExpr.f32(1.4142135)))));
        add("gelu_graph", bcast("Mul+Add+Erf+Div", new int[] {7, 5}, gelu, new ScalarType[] {F}, new int[] {7, 5}),
                6, S1, S4);
        for (ElementwiseOp op : new ElementwiseOp[] {ElementwiseOp.ERF, ElementwiseOp.TANH, ElementwiseOp.SIGMOID,
                ElementwiseOp.GELU, ElementwiseOp.GELU_TANH, ElementwiseOp.SILU, ElementwiseOp.EXP,
                        ElementwiseOp.ABS, ElementwiseOp.NEG,
                ElementwiseOp.RELU, ElementwiseOp.FLOOR, ElementwiseOp.CEIL, ElementwiseOp.RECIPROCAL}) {
            add("u_" + op.name().toLowerCase(), bcast(op.name(), new int[] {3, 40}, of(op, x0), new ScalarType[] {F},
                    new int[] {3, 40}), 30, V4, S1);
        }
        add("sqrt_log", bcast("Sqrt+Log", new int[] {33}, of(ElementwiseOp.ADD, of(ElementwiseOp.SQRT,
                of(ElementwiseOp.ABS, x0)),
                of(ElementwiseOp.LOG, of(ElementwiseOp.ADD, of(ElementwiseOp.ABS, x0), ElementwiseExpr.f32(1)))),
                        new ScalarType[] {F}, new int[] {33}),
                50, S1, S4);
        ElementwiseExpr i0 = input(0, I);
        ElementwiseExpr i1 = input(1, I);
        add("pow_cases", bcast("Pow", new int[] {4, 16}, of(ElementwiseOp.POW, x0, ElementwiseExpr.cast(i1, F)),
                new ScalarType[] {F, I}, new int[] {4, 16}, new int[] {16}), 3, V4, S1);
        add("pow_sq", bcast("Pow", new int[] {4, 16}, of(ElementwiseOp.POW, x0, ElementwiseExpr.f32(2)),
                new ScalarType[] {F},
                new int[] {4, 16}), 3, V4);
        add("int_arith", bcast("Add+Mul+Div", new int[] {3, 8}, of(ElementwiseOp.DIV, of(ElementwiseOp.MUL,
                of(ElementwiseOp.ADD, i0, i1), i1),
                ElementwiseExpr.constant(3, I)), new ScalarType[] {I, I}, new int[] {3, 8}, new int[] {3, 1}), 1, V4, S1);
        add("compare_where", bcast("Less+Where", new int[] {6, 4},
                of(ElementwiseOp.WHERE, of(ElementwiseOp.LESS, x0, x1), x0,
                        ElementwiseExpr.f32(Float.NEGATIVE_INFINITY)),
                new ScalarType[] {F, F}, new int[] {6, 4}, new int[] {1}), 5, V4, S1);
        ElementwiseExpr b0 = input(0, B);
        ElementwiseExpr b1 = input(1, B);
        add("logic", bcast("And+Or+Not+Xor", new int[] {5, 8}, of(ElementwiseOp.OR, of(ElementwiseOp.AND, b0,
                of(ElementwiseOp.NOT, b1)),
                of(ElementwiseOp.XOR, b0, of(ElementwiseOp.GREATER_EQUAL, i0(2), ElementwiseExpr.constant(0, I)))),
                new ScalarType[] {B, B, I}, new int[] {5, 8}, new int[] {8}, new int[] {5, 1}), 1, V4, S1);
        add("casts", bcast("Cast", new int[] {2, 12}, of(ElementwiseOp.ADD,
                ElementwiseExpr.cast(ElementwiseExpr.cast(x0, I), F),
                ElementwiseExpr.cast(b1, F)), new ScalarType[] {F, B}, new int[] {2, 12}, new int[] {12}), 10, V4, S1);
        // Transpose (2,3,4) -> perm (2,0,1) -> (4,2,3), and a reversed slice with step -2.
        int[] in = {2, 3, 4};
        cases.add(caseOf("transpose", new ElementwiseProblem("Transpose", new int[] {4, 2, 3},
                List.of(new ElementwiseInput(F, in, 0, new int[] {1, 12, 4})), x0), S1));
        cases.add(caseOf("slice_neg", new ElementwiseProblem("Slice", new int[] {3, 2},
                List.of(new ElementwiseInput(F, new int[] {3, 5}, 4, new int[] {5, -2})), x0), S4));
        // Large enough to fold the dispatch into two dimensions (65537 workgroups of 64).
        add("fold2d", bcast("Add", new int[] {64 * 65536 + 5}, of(ElementwiseOp.ADD, x0, ElementwiseExpr.f32(1)),
                new ScalarType[] {F}, new int[] {64 * 65536 + 5}), 1, S1);

        DawnHarness h = new DawnHarness();
        for (Case c : cases) h.run(c.name, ElementwiseKernel.INSTANCE.instance(c.c, c.p), encode(c));
        Map<String, DawnHarness.Result> res = h.execute();
        assertEquals(cases.size(), res.size());
        int checked = 0;
        for (Case c : cases) {
            DawnHarness.Result r = res.get(c.name);
            assertTrue(r.ok(), c.name + ": " + r.error() + "\n" + ElementwiseKernel.INSTANCE.generate(c.c, c.p));
            checked += compare(c, r);
        }
        assertTrue(checked > 4_000_000, "elements checked: " + checked);
    }

    private static ElementwiseExpr i0(int index) { return input(index, I); }

    private Case caseOf(String name, ElementwiseProblem p, ElementwiseConfig c) {
        double[][] in = new double[p.inputs().size()][];
        for (int i = 0; i < in.length; i++) in[i] = random(p.inputs().get(i).type(), p.inputs().get(i).elements(), 10);
        return new Case(name + "_" + c.key(), p, c, in);
    }

    private static Map<Integer, byte[]> encode(Case c) {
        Map<Integer, byte[]> m = new HashMap<>();
        for (int i = 0; i < c.inputs.length; i++) {
            double[] v = c.inputs[i];
            if (c.p.inputs().get(i).type() == F) {
                float[] f = new float[v.length];
                for (int j = 0; j < v.length; j++) f[j] = (float) v[j];
                m.put(i, DawnHarness.bytes(f));
            } else {
                int[] n = new int[v.length];
                for (int j = 0; j < v.length; j++) n[j] = (int) v[j];
                m.put(i, DawnHarness.bytes(n));
            }
        }
        return m;
    }

    private static int compare(Case c, DawnHarness.Result r) {
        ElementwiseProblem p = c.p;
        int out = p.inputs().size();
        long n = p.elements();
        float[] gf = p.outType() == F ? r.floats(out) : null;
        int[] gi = p.outType() != F ? r.ints(out) : null;
        int[] shape = p.outShape();
        double[] vals = new double[p.inputs().size()];
        int[] coord = new int[shape.length];
        for (long e = 0; e < n; e++) {
            long rest = e;
            for (int d = shape.length - 1; d >= 0; d--) { coord[d] = (int) (rest % shape[d]); rest /= shape[d]; }
            for (int i = 0; i < vals.length; i++) {
                ElementwiseInput in = p.inputs().get(i);
                long off = in.offset();
                for (int d = 0; d < shape.length; d++) off += (long) coord[d] * in.strides()[d];
                vals[i] = c.inputs[i][(int) off];
            }
            double ref = ExprReference.eval(p.expr(), vals);
            if (gf != null) {
                double g = gf[(int) e];
                boolean ok = Double.isNaN(ref) ? Double.isNaN(g) : Double.isInfinite(ref) ? g == ref
                        : Math.abs(g - ref) <= 2e-6 + 2e-5 * Math.abs(ref);
                if (!ok) throw new AssertionError(c.name + " element " + e + " inputs " + java.util.Arrays.toString(vals)
                        + ": gpu " + g + " ref " + ref);
            } else {
                assertEquals((long) ref, gi[(int) e], c.name + " element " + e);
            }
        }
        return (int) n;
    }
}
