package dev.nnjit.ops.reduce;

import static dev.nnjit.ops.math.MathOpTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nnjit.model.Attribute;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Reduce* ops against a reference that, for each output element, gathers the input elements whose kept
 * coordinates match and applies the textbook formula in double. Results are rounded to float once by the op, so
 * the tolerance is 2e-7 relative (half a float ulp plus double noise) and 1e-6 absolute for sums that cancel.
 */
class ReduceOpTest {
    static final String[] OPS = {"ReduceSum", "ReduceMean", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1",
            "ReduceL2", "ReduceSumSquare", "ReduceLogSum", "ReduceLogSumExp"};

    static double reference(String op, List<Double> v) {
        double s = 0;
        switch (op) {
            case "ReduceSum": for (double x : v) s += x; return s;
            case "ReduceMean": for (double x : v) s += x; return s / v.size();
            case "ReduceMax": s = Double.NEGATIVE_INFINITY; for (double x : v) s = Math.max(s, x); return s;
            case "ReduceMin": s = Double.POSITIVE_INFINITY; for (double x : v) s = Math.min(s, x); return s;
            case "ReduceProd": s = 1; for (double x : v) s *= x; return s;
            case "ReduceL1": for (double x : v) s += Math.abs(x); return s;
            case "ReduceL2": for (double x : v) s += x * x; return Math.sqrt(s);
            case "ReduceSumSquare": for (double x : v) s += x * x; return s;
            case "ReduceLogSum": for (double x : v) s += x; return Math.log(s);
            case "ReduceLogSumExp": for (double x : v) s += Math.exp(x); return Math.log(s);
            default: throw new IllegalArgumentException(op);
        }
    }

    /** Expected output (kept-dims layout, which has the same element order as without) for the given axes. */
    static double[] expected(String op, Tensor x, boolean[] reduced) {
        int[] in = x.shape();
        int[] kept = in.clone();
        for (int d = 0; d < in.length; d++) if (reduced[d]) kept[d] = 1;
        List<List<Double>> groups = new ArrayList<>();
        for (int o = 0; o < size(kept); o++) groups.add(new ArrayList<>());
        for (int i = 0; i < x.size(); i++) {
            int[] c = coords(i, in);
            int o = 0;
            for (int d = 0; d < in.length; d++) o = o * kept[d] + (reduced[d] ? 0 : c[d]);
            groups.get(o).add(x.getDouble(i));
        }
        double[] e = new double[groups.size()];
        for (int o = 0; o < e.length; o++) e[o] = reference(op, groups.get(o));
        return e;
    }

    static int[] outShape(int[] in, boolean[] reduced, boolean keep) {
        List<Integer> s = new ArrayList<>();
        for (int d = 0; d < in.length; d++) if (!reduced[d] || keep) s.add(reduced[d] ? 1 : in[d]);
        return s.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Runs op in the attribute form (opset 13, or 11 for ReduceSum) or the input form (opset 18). */
    static Tensor reduce(String op, boolean inputForm, Tensor x, long[] axes, Attribute... extra) {
        Map<String, Attribute> a = new LinkedHashMap<>(attrs(extra));
        if (inputForm) {
            return axes == null ? run1(op, 18, a, x) : run1(op, 18, a, x, Tensor.vector(axes));
        }
        if (axes != null) a.put("axes", Attribute.ofInts("axes", axes));
        return run1(op, op.equals("ReduceSum") ? 11 : 13, a, x);
    }

    @Test
    void allOpsAllAxesBothFormsBothKeepdims() {
        Random r = new Random(11);
        long[][] axesCases = {null, {0}, {1}, {-1}, {0, 2}, {2, 0}, {-3, 1, 2}};
        for (String op : OPS) {
            boolean positive = op.equals("ReduceLogSum") || op.equals("ReduceProd");
            Tensor x = randFloats(r, positive ? 0.5f : -2f, 2f, 3, 4, 5);
            for (long[] axes : axesCases) {
                boolean[] reduced = new boolean[3];
                if (axes == null) java.util.Arrays.fill(reduced, true);
                else for (long a : axes) reduced[(int) ((a + 3) % 3)] = true;
                double[] e = expected(op, x, reduced);
                for (boolean inputForm : new boolean[] {false, true}) {
                    for (int keep = 0; keep < 2; keep++) {
                        Tensor y = reduce(op, inputForm, x, axes, intAttr("keepdims", keep));
                        assertShape(y, outShape(x.shape(), reduced, keep == 1));
                        assertClose(e, y, 1e-6, 2e-7);
                    }
                }
            }
        }
    }

    @Test
    void defaultKeepdimsIsOne() {
        Tensor y = reduce("ReduceMean", false, floats(shape(2, 2), 1, 2, 3, 4), new long[] {1});
        assertShape(y, 2, 1);
        assertFloatsExact(y, 1.5f, 3.5f);
    }

    @Test
    void emptySetsGiveTheIdentity() {
        Tensor x = Tensor.ofFloats(shape(2, 0, 3), new float[0]);
        Map<String, Float> identity = new LinkedHashMap<>();
        identity.put("ReduceSum", 0f);
        identity.put("ReduceProd", 1f);
        identity.put("ReduceMax", Float.NEGATIVE_INFINITY);
        identity.put("ReduceMin", Float.POSITIVE_INFINITY);
        identity.put("ReduceL1", 0f);
        identity.put("ReduceL2", 0f);
        identity.put("ReduceSumSquare", 0f);
        identity.put("ReduceLogSum", Float.NEGATIVE_INFINITY);
        identity.put("ReduceLogSumExp", Float.NEGATIVE_INFINITY);
        identity.put("ReduceMean", Float.NaN);
        for (Map.Entry<String, Float> e : identity.entrySet()) {
            Tensor y = reduce(e.getKey(), true, x, new long[] {1}, intAttr("keepdims", 0));
            assertShape(y, 2, 3);
            float[] want = new float[6];
            java.util.Arrays.fill(want, e.getValue());
            assertFloatsExact(y, want);
        }
        // Reducing a non-empty axis of an empty tensor gives an empty result.
        assertShape(reduce("ReduceSum", true, x, new long[] {2}), 2, 0, 1);
        Tensor ints = Tensor.ofLongs(DType.INT32, shape(0, 2), new long[0]);
        assertLongs(reduce("ReduceMax", true, ints, new long[] {0}, intAttr("keepdims", 0)),
                Integer.MIN_VALUE, Integer.MIN_VALUE);
        assertLongs(reduce("ReduceMin", true, ints, new long[] {0}, intAttr("keepdims", 0)),
                Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    @Test
    void emptyAxesInputWithNoop() {
        Tensor x = floats(shape(2, 2), -1, 2, -3, 4);
        // noop_with_empty_axes=1 and empty axes: each element reduced on its own.
        assertFloatsExact(run1("ReduceSum", 13, attrs(intAttr("noop_with_empty_axes", 1)), x, Tensor.vector()),
                -1, 2, -3, 4);
        assertFloatsExact(run1("ReduceSumSquare", 18, attrs(intAttr("noop_with_empty_axes", 1)), x, Tensor.vector()),
                1, 4, 9, 16);
        assertFloatsExact(run1("ReduceL1", 18, attrs(intAttr("noop_with_empty_axes", 1)), x), 1, 2, 3, 4);
        // noop=0 with empty or absent axes: reduce everything.
        Tensor all = run1("ReduceSum", 13, Map.of(), x, Tensor.vector());
        assertShape(all, 1, 1);
        assertFloatsExact(all, 2);
        assertShape(run1("ReduceMax", 18, attrs(intAttr("keepdims", 0)), x), new int[0]);
    }

    @Test
    void integerReductions() {
        Tensor x = Tensor.ofLongs(DType.INT32, shape(2, 3), new long[] {Integer.MAX_VALUE, 1, 0, -7, 2, 2});
        Tensor sum = reduce("ReduceSum", true, x, new long[] {1}, intAttr("keepdims", 0));
        assertEquals(DType.INT32, sum.dtype());
        assertLongs(sum, Integer.MIN_VALUE, -3); // wraps like int32 arithmetic
        assertLongs(reduce("ReduceMean", true, x, new long[] {1}, intAttr("keepdims", 0)), 715827882, -1);
        assertLongs(reduce("ReduceMax", true, x, new long[] {0}, intAttr("keepdims", 0)), Integer.MAX_VALUE, 2, 2);
        assertLongs(reduce("ReduceProd", true, x, new long[] {0}, intAttr("keepdims", 0)),
                (int) (-7L * Integer.MAX_VALUE), 2, 0);
        assertLongs(reduce("ReduceL2", true, Tensor.vector(3, 4), null, intAttr("keepdims", 0)), 5);
    }

    @Test
    void logSumExpIsStableForLargeInputs() {
        Tensor x = floats(shape(3), 1000f, 1000f, 1000f);
        assertClose(new double[] {1000 + Math.log(3)}, reduce("ReduceLogSumExp", false, x, null, intAttr("keepdims", 0)),
                0, 1e-7);
        Tensor inf = floats(shape(2), Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY);
        assertFloatsExact(reduce("ReduceLogSumExp", false, inf, null), Float.NEGATIVE_INFINITY);
    }

    @Test
    void maxPropagatesNaN() {
        assertFloatsExact(reduce("ReduceMax", false, floats(shape(3), 1, Float.NaN, 3), null), Float.NaN);
    }

    @Test
    void errors() {
        Tensor x = floats(shape(2, 2), 1, 2, 3, 4);
        expectError("out of range", "ReduceSum", 13, Map.of(), 1, x, Tensor.vector(2));
        expectError("repeated", "ReduceMean", 13, attrs(intsAttr("axes", 1, -1)), 1, x);
        expectError("axes are an input", "ReduceMean", 18, attrs(intsAttr("axes", 0)), 1, x);
        expectError("expects 1 inputs", "ReduceMax", 13, Map.of(), 1, x, Tensor.vector(0));
        expectError("expected a numeric type", "ReduceSum", 13, Map.of(), 1, bools(shape(1), true));
        expectError("expected an integer type", "ReduceSum", 13, Map.of(), 1, x, floats(shape(1), 0));
    }
}
