package dev.nnjit.codegen;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nnjit.ops.fused.ElementwiseOp;
import dev.nnjit.schedule.ElementwiseConfig;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Float16;
import dev.nnjit.tensor.PortableCasts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The accuracy of {@link WgslMath} as the GPU runs it (Dawn on SwiftShader): each {@link MapFn} over a dense sweep of
 * its domain (random magnitudes across many binades, plus edge values) against the function in double, rounded
 * once to f32. Bound per element: {@code ulps} units in the last place of the reference plus an absolute floor
 * {@code abs} (for results near a zero of the function, where the error is relative to the argument instead):
 * <ul>
 *   <li>sin, cos, tan: 4 ulp + 2^-24 (the reduced argument is exact to ~2^-24 relative below |x| 1e4);</li>
 *   <li>atan, asin, acos: 4 ulp (reduction plus a degree-9 polynomial, a division and a square root);</li>
 *   <li>sinh, cosh, asinh, acosh, atanh, softplus, mish, elu: 8 ulp + 1e-30 (nn_exp is within ~2 ulp, WGSL's log
 *       3 ulp, and the formulas add a division or two);</li>
 *   <li>exact (0 ulp): fmod, round to float16 / bfloat16, wrapping casts, ThresholdedRelu.</li>
 *   <li>the elementwise kernel's functions (ElementwiseExpr ops, scalar and vec4 twins): exp 4 ulp (nn_exp, the ONNX
 *       Exp op); tanh 8 ulp + 1e-30; erf 1e-6 absolute (against the CPU reference's erf); sigmoid 4 ulp + 4e-7 (exp of -|x| through the builtin fast
 *       path, whose error there is at most 3 * 2^-23 absolute).</li>
 * </ul>
 * Also: Tint accepts every coverage snapshot kernel.
 */
class WgslMathGpuTest {
    private record Sweep(String name, MapFn fn, float[] params, float[] x, float[] y, DoubleUnaryOperator ref,
                         double ulps, double abs) {}

    /** A one-operand ElementwiseExpr op swept through ElementwiseKernel, scalar or vec4 (x.length a multiple of 4). */
    private record OpSweep(String name, ElementwiseOp op, boolean vec4, float[] x, DoubleUnaryOperator ref, double ulps,
                           double abs) {}

    private List<OpSweep> opSweeps() {
        List<OpSweep> s = new ArrayList<>();
        for (boolean v4 : new boolean[] {false, true}) {
            String suffix = v4 ? "4" : "";
            s.add(new OpSweep("exp" + suffix, ElementwiseOp.EXP, v4, values(3996, 1e-8, 87, false, 0f, 88.5f, -87f, 1f),
                    Math::exp, 4, 0));
            s.add(new OpSweep("tanh" + suffix, ElementwiseOp.TANH, v4, values(3996, 1e-8, 20, false, 0f, 10f, -10f, 1f),
                    Math::tanh, 8, 1e-30));
            s.add(new OpSweep("erf" + suffix, ElementwiseOp.ERF, v4, values(3996, 1e-6, 6, false, 0f, 1f, -1f, 4f),
                    dev.nnjit.ops.math.Erf::erf, 0, 1e-6));
            s.add(new OpSweep("sigmoid" + suffix, ElementwiseOp.SIGMOID, v4, values(3996, 1e-6, 80, false, 0f, 1f,
                    -1f, -80f), x -> 1 / (1 + Math.exp(-x)), 4, 4e-7));
        }
        return s;
    }

    private final Random rnd = new Random(7);

    /** n values with magnitudes log-uniform in [lo, hi] and random signs (unless positive), plus the edges. */
    private float[] values(int n, double lo, double hi, boolean positive, float... edges) {
        float[] v = new float[n + edges.length];
        for (int i = 0; i < n; i++) {
            double m = Math.exp(Math.log(lo) + rnd.nextDouble() * (Math.log(hi) - Math.log(lo)));
            v[i] = (float) (positive || rnd.nextBoolean() ? m : -m);
        }
        System.arraycopy(edges, 0, v, n, edges.length);
        return v;
    }

    private float[] uniform(int n, double lo, double hi) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (lo + rnd.nextDouble() * (hi - lo));
        return v;
    }

    private static double softplus(double x) { return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)); }

    private static double asinh(double x) {
        double a = Math.abs(x);
        double r = a > 1e8 ? Math.log(a) + Math.log(2) : Math.log1p(a + a * a / (1 + Math.sqrt(1 + a * a)));
        return x < 0 ? -r : r;
    }

    private List<Sweep> sweeps() {
        List<Sweep> s = new ArrayList<>();
        float pi = (float) Math.PI;
        s.add(new Sweep("sin", MapFn.SIN, new float[0], values(4000, 1e-6, 1e4, false, 0f, pi, -pi, 2 * pi, 1e4f * pi),
                null, Math::sin, 4, 0x1p-24));
        s.add(new Sweep("cos", MapFn.COS, new float[0], values(4000, 1e-6, 1e4, false, 0f, pi / 2, 3 * pi / 2), null,
                Math::cos, 4, 0x1p-24));
        s.add(new Sweep("tan", MapFn.TAN, new float[0], uniform(4000, -1.55, 1.55), null, Math::tan, 4, 0x1p-24));
        s.add(new Sweep("atan", MapFn.ATAN, new float[0], values(4000, 1e-8, 1e8, false, 0f, 1f, -1f,
                Float.POSITIVE_INFINITY), null, Math::atan, 4, 0));
        s.add(new Sweep("asin", MapFn.ASIN, new float[0], values(4000, 1e-8, 1, false, 1f, -1f, 0f), null, Math::asin,
                4, 0));
        s.add(new Sweep("acos", MapFn.ACOS, new float[0], values(4000, 1e-8, 1, false, 1f, -1f, 0f), null, Math::acos,
                4, 1e-30));
        s.add(new Sweep("sinh", MapFn.SINH, new float[0], values(4000, 1e-8, 89, false, 0f), null, Math::sinh, 8, 1e-30));
        s.add(new Sweep("cosh", MapFn.COSH, new float[0], values(4000, 1e-8, 89, false, 0f), null, Math::cosh, 8, 1e-30));
        s.add(new Sweep("asinh", MapFn.ASINH, new float[0], values(4000, 1e-8, 1e30, false, 0f), null,
                WgslMathGpuTest::asinh, 8, 1e-30));
        s.add(new Sweep("acosh", MapFn.ACOSH, new float[0], values(4000, 1, 1e30, true, 1f, 1.0000001f), null,
                x -> Math.log(x + Math.sqrt(x * x - 1)), 8, 1e-30));
        s.add(new Sweep("atanh", MapFn.ATANH, new float[0], values(4000, 1e-8, 0.9999999, false, 0f), null,
                x -> 0.5 * Math.log1p(2 * x / (1 - x)), 8, 1e-30));
        s.add(new Sweep("softplus", MapFn.SOFTPLUS, new float[0], values(4000, 1e-6, 100, false, 0f), null,
                WgslMathGpuTest::softplus, 8, 1e-30));
        s.add(new Sweep("mish", MapFn.MISH, new float[0], values(4000, 1e-6, 100, false, 0f), null,
                x -> x * Math.tanh(softplus(x)), 8, 1e-30));
        s.add(new Sweep("elu", MapFn.ELU, new float[] {1.5f}, values(4000, 1e-8, 50, false, 0f), null,
                x -> x < 0 ? 1.5f * Math.expm1(x) : x, 8, 1e-30));
        s.add(new Sweep("round_f16", MapFn.ROUND_F16, new float[0], values(4000, 1e-9, 7e4, false, 65504f, 65519.99f,
                65520f, 2.9802322e-8f, 5.9604645e-8f), null, x -> Float16.roundToHalf((float) x), 0, 0));
        s.add(new Sweep("round_bf16", MapFn.ROUND_BF16, new float[0], values(4000, 1e-30, 1e30, false, 1.00390625f,
                1.01171875f), null, x -> Float16.roundToBfloat16((float) x), 0, 0));
        s.add(new Sweep("thresholded_relu", MapFn.THRESHOLDED_RELU, new float[] {0.5f}, uniform(200, -2, 2), null,
                x -> x > 0.5f ? x : 0, 0, 0));
        return s;
    }

    @Test
    void accurateFunctionsStayWithinTheirBounds() throws Exception {
        assumeTrue(DawnHarness.available(), "Dawn tool not installed (cd tools/wgsl-check && npm ci)");
        DawnHarness h = new DawnHarness();
        List<Sweep> sweeps = sweeps();
        ElementwiseConfig c = new ElementwiseConfig(64, 1, false);
        Map<String, KernelInstance> kernels = new LinkedHashMap<>();
        for (Sweep s : sweeps) {
            int[] shape = {s.x.length};
            KernelInstance k = MapKernel.INSTANCE.instance(c, MapProblem.broadcast(s.fn, shape, List.of(ScalarType.F32),
                    List.of(shape), s.params));
            kernels.put(s.name, k);
            h.run(s.name, k, Map.of(0, DawnHarness.bytes(s.x)));
        }
        List<OpSweep> opSweeps = opSweeps();
        for (OpSweep o : opSweeps) {
            int[] shape = {o.x.length};
            ElementwiseProblem p = ElementwiseProblem.broadcast(o.name, shape,
                    List.of(ElementwiseInput.broadcast(ScalarType.F32, shape, shape)),
                    ElementwiseExpr.of(o.op, ElementwiseExpr.input(0, ScalarType.F32)));
            h.run("op_" + o.name, ElementwiseKernel.INSTANCE.instance(new ElementwiseConfig(64, 1, o.vec4), p),
                    Map.of(0, DawnHarness.bytes(o.x)));
        }
        float[] fm = values(3000, 1e-20, 3e38, false, 0f, -0f);
        float[] fd = values(3000, 1e-20, 3e38, false, 1f, -1f);
        int[] fshape = {fm.length};
        h.run("fmod", MapKernel.INSTANCE.instance(c, MapProblem.broadcast(MapFn.FMOD, fshape,
                List.of(ScalarType.F32, ScalarType.F32), List.of(fshape, fshape))), Map.of(0, DawnHarness.bytes(fm),
                1, DawnHarness.bytes(fd)));
        float[] wx = values(3000, 1e-3, 3e38, false, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY);
        int[] wshape = {wx.length};
        h.run("wrap_int8", MapKernel.INSTANCE.instance(c, MapProblem.broadcast(MapFn.WRAP_INT, wshape,
                List.of(ScalarType.F32), List.of(wshape), 8, 1)), Map.of(0, DawnHarness.bytes(wx)));
        h.run("wrap_uint16", MapKernel.INSTANCE.instance(c, MapProblem.broadcast(MapFn.WRAP_INT, wshape,
                List.of(ScalarType.F32), List.of(wshape), 16, 0)), Map.of(0, DawnHarness.bytes(wx)));
        for (Map.Entry<String, KernelInstance> e : CoverageKernelCatalog.snapshots().entrySet()) {
            h.validate("snapshot_" + e.getKey(), e.getValue());
        }
        Map<String, DawnHarness.Result> res = h.execute();
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, DawnHarness.Result> e : res.entrySet()) {
            if (!e.getValue().ok()) failures.add(e.getKey() + ": " + e.getValue().error());
        }
        for (Sweep s : sweeps) {
            float[] y = res.get(s.name).floats(1);
            double worst = 0;
            String where = "";
            for (int i = 0; i < s.x.length; i++) {
                float ref = (float) s.ref.applyAsDouble(s.x[i]);
                double d = Float.isNaN(ref) && Float.isNaN(y[i]) || ref == y[i] ? 0 : Math.abs((double) ref - y[i]);
                double bound = s.ulps * Math.ulp(ref) + s.abs;
                if (Double.isNaN(d) || d > bound) {
                    failures.add(s.name + "(" + s.x[i] + "): gpu " + y[i] + ", reference " + ref + ", bound " + bound);
                    break;
                }
                double ratio = bound == 0 ? d : d / bound;
                if (ratio > worst) { worst = ratio; where = "x=" + s.x[i] + " (" + d / Math.ulp(ref) + " ulp)"; }
            }
            System.out.printf("[wgsl math] %s: worst |error| / bound %.3f at %s%n", s.name, worst, where);
        }
        for (OpSweep o : opSweeps) {
            float[] y = res.get("op_" + o.name).floats(1);
            double worst = 0;
            String where = "";
            for (int i = 0; i < o.x.length; i++) {
                float ref = (float) o.ref.applyAsDouble(o.x[i]);
                double d = ref == y[i] ? 0 : Math.abs((double) ref - y[i]);
                double bound = o.ulps * Math.ulp(ref) + o.abs;
                if (Double.isNaN(d) || d > bound) {
                    failures.add(o.name + "(" + o.x[i] + "): gpu " + y[i] + ", reference " + ref + ", bound " + bound);
                    break;
                }
                if (d / bound > worst) { worst = d / bound; where = "x=" + o.x[i] + " (" + d / Math.ulp(ref) + " ulp)"; }
            }
            System.out.printf("[wgsl math] %s: worst |error| / bound %.3f at %s%n", o.name, worst, where);
        }
        float[] fy = res.get("fmod").floats(2);
        for (int i = 0; i < fm.length; i++) {
            float ref = fm[i] % fd[i]; // Java's float % is C's fmod: exact
            if (Float.floatToIntBits(ref) != Float.floatToIntBits(fy[i])) {
                failures.add("fmod(" + fm[i] + ", " + fd[i] + "): gpu " + fy[i] + ", reference " + ref);
                break;
            }
        }
        int[] w8 = res.get("wrap_int8").ints(1);
        int[] w16 = res.get("wrap_uint16").ints(1);
        for (int i = 0; i < wx.length; i++) {
            long r8 = DType.INT8.wrap(PortableCasts.toLong(wx[i])), r16 = DType.UINT16.wrap(PortableCasts.toLong(wx[i]));
            if (w8[i] != r8 || w16[i] != r16) {
                failures.add("wrap(" + wx[i] + "): gpu " + w8[i] + " / " + w16[i] + ", reference " + r8 + " / " + r16);
                break;
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
