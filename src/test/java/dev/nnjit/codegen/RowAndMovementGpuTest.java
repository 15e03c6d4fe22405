package dev.nnjit.codegen;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nnjit.schedule.ElementwiseConfig;
import dev.nnjit.schedule.ReductionConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Softmax, LayerNorm, RMSNorm, Reduce*, Gather, Concat, Transpose and Slice kernels run on Dawn + SwiftShader
 * against plain-Java references (double precision). Tolerance 1e-5 + 1e-5 |ref|: rows of <= 1000 values in
 * [-2, 2] summed in f32 (tree order) lose < 1e-6 relative; exp/log/inverseSqrt are accurate to a few ulp.
 * Data movement must be exact.
 */
class RowAndMovementGpuTest {
    private record Case(String name, KernelInstance k, Map<Integer, byte[]> in, double[] ref, boolean exact) {}

    private final Random rnd = new Random(3);
    private final List<Case> cases = new ArrayList<>();

    private float[] random(long n) {
        float[] v = new float[(int) n];
        for (int i = 0; i < n; i++) v[i] = rnd.nextFloat() * 4 - 2;
        return v;
    }

    /** Tree forms, then serial forms (one invocation per row; 8 rows per workgroup leaves a partial last group). */
    private static final ReductionConfig[] RC = {new ReductionConfig(64, 1), new ReductionConfig(32, 8),
            new ReductionConfig(256, 4), new ReductionConfig(128, 2), new ReductionConfig(8, 8),
            new ReductionConfig(1, 1)};

    /**
     * Subgroup schedules, where Dawn's adapter offers them (SwiftShader does, with subgroups of 4): the subgroup tree
     * at three sizes, and rows per subgroup with more subgroups than rows, as many, and fewer (partial last group).
     */
    private static final ReductionConfig[] SUBGROUP_RC = {new ReductionConfig(64, 1, true),
            new ReductionConfig(256, 1, true), new ReductionConfig(32, 1, true), new ReductionConfig(64, 2, true),
            new ReductionConfig(64, 8, true), new ReductionConfig(128, 8, true), new ReductionConfig(256, 4, true)};

    /** Reference per row of a layout: f maps (row values) to outputs written back at the same positions. */
    private static double[] perRow(RowLayout l, float[] x, Function<double[], double[]> f, boolean scalarOut) {
        int rows = l.rows(), cols = l.cols();
        double[] out = new double[scalarOut ? rows : (int) l.elements()];
        for (int r = 0; r < rows; r++) {
            long[] offs = new long[cols];
            double[] v = new double[cols];
            long rb = offset(r, l.rowShape(), l.rowStrides());
            for (int j = 0; j < cols; j++) {
                offs[j] = rb + offset(j, l.colShape(), l.colStrides());
                v[j] = x[(int) offs[j]];
            }
            double[] y = f.apply(v);
            if (scalarOut) out[r] = y[0];
            else for (int j = 0; j < cols; j++) out[(int) offs[j]] = y[j];
        }
        return out;
    }

    private static long offset(long idx, int[] shape, int[] strides) {
        long o = 0;
        for (int d = shape.length - 1; d >= 0; d--) {
            o += (idx % shape[d]) * strides[d];
            idx /= shape[d];
        }
        return o;
    }

    private static double[] softmax(double[] v, boolean log) {
        double mx = Double.NEGATIVE_INFINITY, s = 0;
        for (double x : v) mx = Math.max(mx, x);
        for (double x : v) s += Math.exp(x - mx);
        double[] y = new double[v.length];
        for (int i = 0; i < v.length; i++) y[i] = log ? v[i] - mx - Math.log(s) : Math.exp(v[i] - mx) / s;
        return y;
    }

    @Test
    void kernelsMatchReference() throws Exception {
        assumeTrue(DawnHarness.available(), "Dawn tool not installed (cd tools/wgsl-check && npm ci)");
        List<ReductionConfig> rcAll = new ArrayList<>(List.of(RC));
        List<ReductionConfig> rcReduce = new ArrayList<>(List.of(RC[0], RC[1], RC[4]));
        if (DawnHarness.probeFeatures().subgroupKernels()) {
            rcAll.addAll(List.of(SUBGROUP_RC));
            rcReduce.addAll(List.of(SUBGROUP_RC[0], SUBGROUP_RC[3], SUBGROUP_RC[5]));
        } else {
            System.out.println("Dawn's adapter has no subgroups (or no subgroup_id): subgroup reductions not run");
        }
        for (SoftmaxProblem p : new SoftmaxProblem[] {SoftmaxProblem.lastAxis(37, 77, false),
                SoftmaxProblem.onAxis(new int[] {3, 50, 7}, 1, true), SoftmaxProblem.coerced(new int[] {4, 3, 5}, 1, false)}) {
            float[] x = random(p.layout().elements());
            double[] ref = perRow(p.layout(), x, v -> softmax(v, p.log()), false);
            for (ReductionConfig c : rcAll) add("softmax_" + p.key() + c.key(), SoftmaxKernel.INSTANCE.instance(c, p), ref, false, x);
        }
        for (NormProblem p : new NormProblem[] {new NormProblem(NormProblem.Kind.LAYER, 19, 384, 1e-5f, true),
                new NormProblem(NormProblem.Kind.RMS, 10, 1000, 1e-6f, false)}) {
            float[] x = random((long) p.rows() * p.cols());
            float[] scale = random(p.cols());
            float[] bias = random(p.cols());
            double[] ref = perRow(p.layout(), x, v -> {
                int n = v.length;
                double mean = 0, q = 0;
                if (p.kind() == NormProblem.Kind.LAYER) { for (double a : v) mean += a; mean /= n; }
                for (double a : v) q += (a - mean) * (a - mean);
                double inv = 1 / Math.sqrt(q / n + p.epsilon());
                double[] y = new double[n];
                for (int j = 0; j < n; j++) y[j] = (v[j] - mean) * inv * scale[j] + (p.hasBias() ? bias[j] : 0);
                return y;
            }, false);
            for (ReductionConfig c : rcAll) {
                if (p.hasBias()) add("norm_" + p.key() + c.key(), NormKernel.INSTANCE.instance(c, p), ref, false, x, scale, bias);
                else add("norm_" + p.key() + c.key(), NormKernel.INSTANCE.instance(c, p), ref, false, x, scale);
            }
        }
        for (ReduceProblem.Op op : ReduceProblem.Op.values()) {
            ReduceProblem p = new ReduceProblem(op, new int[] {6, 10, 9}, op.ordinal() % 2 == 0 ? new int[] {0, 2} : new int[] {-1});
            float[] x = random(p.layout().elements());
            if (op == ReduceProblem.Op.PROD) for (int i = 0; i < x.length; i++) x[i] = 0.8f + 0.1f * x[i];
            double[] ref = perRow(p.layout(), x, v -> new double[] {reduce(op, v)}, true);
            for (ReductionConfig c : rcReduce) {
                add("reduce_" + p.key() + c.key(), ReduceKernel.INSTANCE.instance(c, p), ref, false, x);
            }
        }
        // Gather with negative indices; Concat; Transpose; Slice with negative step.
        GatherProblem g = new GatherProblem(ScalarType.F32, new int[] {3, 20, 8}, 1, new int[] {2, 3});
        float[] data = random(3 * 20 * 8);
        int[] idx = {0, -1, 19, 5, -20, 7};
        double[] gref = new double[3 * 6 * 8];
        for (int o = 0; o < 3; o++) for (int q = 0; q < 6; q++) for (int i = 0; i < 8; i++) {
            int ix = idx[q] < 0 ? idx[q] + 20 : idx[q];
            gref[(o * 6 + q) * 8 + i] = data[(o * 20 + ix) * 8 + i];
        }
        for (ElementwiseConfig c : new ElementwiseConfig[] {new ElementwiseConfig(64, 1, true), new ElementwiseConfig(64, 2, false)}) {
            Map<Integer, byte[]> in = new HashMap<>();
            in.put(0, DawnHarness.bytes(data));
            in.put(1, DawnHarness.bytes(idx));
            cases.add(new Case("gather_" + c.key(), GatherKernel.INSTANCE.instance(c, g), in, gref, true));
        }
        ConcatProblem cp = new ConcatProblem(ScalarType.F32, List.of(new int[] {2, 3, 4}, new int[] {2, 1, 4}, new int[] {2, 2, 4}), 1);
        float[] c0 = random(24), c1 = random(8), c2 = random(16);
        double[] cref = new double[48];
        for (int o = 0; o < 2; o++) for (int a = 0; a < 6; a++) for (int i = 0; i < 4; i++) {
            cref[(o * 6 + a) * 4 + i] = a < 3 ? c0[(o * 3 + a) * 4 + i] : a < 4 ? c1[o * 4 + i] : c2[(o * 2 + a - 4) * 4 + i];
        }
        for (ElementwiseConfig c : new ElementwiseConfig[] {new ElementwiseConfig(64, 1, true), new ElementwiseConfig(64, 1, false)}) {
            add("concat_" + c.key(), ConcatKernel.INSTANCE.instance(c, cp), cref, true, c0, c1, c2);
        }
        ElementwiseProblem tp = DataMovement.transpose(ScalarType.F32, new int[] {2, 3, 4, 5}, new int[] {3, 1, 0, 2});
        float[] t = random(120);
        double[] tref = new double[120];
        int e = 0;
        for (int a = 0; a < 5; a++) for (int b = 0; b < 3; b++) for (int c = 0; c < 2; c++) for (int d = 0; d < 4; d++) {
            tref[e++] = t[((c * 3 + b) * 4 + d) * 5 + a];
        }
        add("transpose", ElementwiseKernel.INSTANCE.instance(new ElementwiseConfig(64, 1, false), tp), tref, true, t);
        ElementwiseProblem sp = DataMovement.slice(ScalarType.F32, new int[] {4, 10}, new long[] {-1, 1}, new long[] {-100, 9},
                null, new long[] {-1, 2});
        float[] s = random(40);
        double[] sref = new double[16];
        e = 0;
        for (int r = 3; r >= 0; r--) for (int c = 1; c < 9; c += 2) sref[e++] = s[r * 10 + c];
        add("slice", ElementwiseKernel.INSTANCE.instance(new ElementwiseConfig(64, 1, true), sp), sref, true, s);

        DawnHarness h = new DawnHarness();
        for (Case c : cases) h.run(c.name, c.k, c.in);
        Map<String, DawnHarness.Result> res = h.execute();
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            DawnHarness.Result r = res.get(c.name);
            if (!r.ok()) { failures.add(c.name + ": " + r.error()); continue; }
            float[] got = r.floats(c.k.bindings().size() - 1);
            for (int i = 0; i < c.ref.length; i++) {
                double tol = c.exact ? 0 : 1e-5 + 1e-5 * Math.abs(c.ref[i]);
                if (!(Math.abs(got[i] - c.ref[i]) <= tol)) {
                    failures.add(c.name + ": element " + i + " gpu " + got[i] + " ref " + c.ref[i]);
                    break;
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + cases.size() + " failed:\n" + String.join("\n", failures));
        assertTrue(cases.size() > 40, "cases " + cases.size());
        System.out.println("row/movement kernels checked on Dawn: " + cases.size() + ", subgroup schedules among them: "
                + cases.stream().filter(c -> c.name.contains("_sg")).count());
    }

    private static double reduce(ReduceProblem.Op op, double[] v) {
        double acc;
        switch (op) {
            case MAX: acc = Double.NEGATIVE_INFINITY; for (double x : v) acc = Math.max(acc, x); return acc;
            case MIN: acc = Double.POSITIVE_INFINITY; for (double x : v) acc = Math.min(acc, x); return acc;
            case PROD: acc = 1; for (double x : v) acc *= x; return acc;
            case SUM_SQUARE: acc = 0; for (double x : v) acc += x * x; return acc;
            case L2: acc = 0; for (double x : v) acc += x * x; return Math.sqrt(acc);
            case L1: acc = 0; for (double x : v) acc += Math.abs(x); return acc;
            case LOG_SUM_EXP: {
                double mx = Double.NEGATIVE_INFINITY, s = 0;
                for (double x : v) mx = Math.max(mx, x);
                for (double x : v) s += Math.exp(x - mx);
                return mx + Math.log(s);
            }
            case MEAN: acc = 0; for (double x : v) acc += x; return acc / v.length;
            default: acc = 0; for (double x : v) acc += x; return acc;
        }
    }

    private void add(String name, KernelInstance k, double[] ref, boolean exact, float[]... inputs) {
        Map<Integer, byte[]> in = new HashMap<>();
        for (int i = 0; i < inputs.length; i++) in.put(i, DawnHarness.bytes(inputs[i]));
        cases.add(new Case(name.replaceAll("[^A-Za-z0-9_.-]", "_"), k, in, ref, exact));
    }
}
