package dev.nnjit.ops.tensor;

import static dev.nnjit.ops.tensor.TensorOpTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** ScatterND, ScatterElements and the deprecated Scatter. */
class ScatterTest {
    private static final String[] REDUCTIONS = {"none", "add", "mul", "max", "min"};

    // ---- ScatterND ----

    @Test void scatterNdOnnxExample1() {
        Tensor data = floats(sh(8), 1, 2, 3, 4, 5, 6, 7, 8);
        Tensor idx = longs(sh(4, 1), 4, 3, 1, 7);
        Tensor upd = floats(sh(4), 9, 10, 11, 12);
        assertFloats(sh(8), new float[] {1, 11, 3, 10, 9, 6, 7, 12}, run("ScatterND", 11, none(), data, idx, upd));
        assertFloats(sh(8), new float[] {1, 13, 3, 14, 14, 6, 7, 20}, run("ScatterND", 16, attrs(s("reduction", "add")), data, idx, upd));
        assertFloats(sh(8), new float[] {1, 22, 3, 40, 45, 6, 7, 96}, run("ScatterND", 16, attrs(s("reduction", "mul")), data, idx, upd));
    }

    @Test void scatterNdSlicesAndDuplicates() {
        // Replace whole rows of a [3, 2] tensor.
        Tensor data = longs(sh(3, 2), 1, 2, 3, 4, 5, 6);
        assertLongs(sh(3, 2), new long[] {7, 8, 3, 4, 9, 10},
                run("ScatterND", 13, none(), data, longs(sh(2, 1), 2, -3), longs(sh(2, 2), 9, 10, 7, 8)));
        // Duplicate indices: none -> last wins; reductions accumulate in order.
        Tensor d = longs(sh(3), 5, 2, 3), i = longs(sh(2, 1), 0, 0), u = longs(sh(2), 1, 7);
        assertLongs(sh(3), new long[] {7, 2, 3}, run("ScatterND", 13, none(), d, i, u));
        assertLongs(sh(3), new long[] {13, 2, 3}, run("ScatterND", 16, attrs(s("reduction", "add")), d, i, u));
        assertLongs(sh(3), new long[] {35, 2, 3}, run("ScatterND", 16, attrs(s("reduction", "mul")), d, i, u));
        assertLongs(sh(3), new long[] {7, 2, 3}, run("ScatterND", 18, attrs(s("reduction", "max")), d, i, u));
        assertLongs(sh(3), new long[] {1, 2, 3}, run("ScatterND", 18, attrs(s("reduction", "min")), d, i, u));
        // Full index tuples on a 2-D tensor, bool data.
        Tensor b = bools(sh(2, 2), false, false, false, false);
        assertTensor(bools(sh(2, 2), false, true, true, false),
                run("ScatterND", 13, none(), b, longs(sh(2, 2), 0, 1, 1, 0), bools(sh(2), true, true)));
    }

    @ParameterizedTest @EnumSource(value = DType.class, names = {"FLOAT", "FLOAT16", "INT64", "INT32", "BOOL"})
    void randomScatterNdMatchesReference(DType dt) {
        Random rnd = new Random(17 + dt.ordinal());
        for (int trial = 0; trial < 30; trial++) {
            int r = 1 + rnd.nextInt(3);
            int[] ds = randomShape(rnd, r, 4);
            int k = 1 + rnd.nextInt(r);
            int tuples = rnd.nextInt(5);
            int[] is = {tuples, k};
            long[] iv = new long[tuples * k];
            for (int t = 0; t < iv.length; t++) iv[t] = rnd.nextInt(ds[t % k]);
            int[] us = new int[1 + r - k];
            us[0] = tuples;
            System.arraycopy(ds, k, us, 1, r - k);
            String red = REDUCTIONS[rnd.nextInt(REDUCTIONS.length)];
            Tensor x = random(dt, ds, rnd), upd = random(dt, us, rnd);
            Object[] expected = new Object[x.size()];
            for (int e = 0; e < expected.length; e++) expected[e] = get(x, e);
            int inner = IndexMaps.size(us) / Math.max(1, tuples);
            for (int t = 0; t < tuples; t++) {
                int[] c = new int[r];
                for (int m = 0; m < k; m++) c[m] = (int) iv[t * k + m];
                int base = ravel(c, ds);
                for (int e = 0; e < inner; e++) expected[base + e] = combine(dt, red, expected[base + e], get(upd, t * inner + e));
            }
            assertTensor(build(dt, ds, e -> expected[e]), run("ScatterND", 18, attrs(s("reduction", red)), x, longs(is, iv), upd));
        }
    }

    /** The reduction on boxed elements, written independently of ScatterReduction (bool: add/max = or, mul/min = and). */
    static Object combine(DType dt, String red, Object a, Object b) {
        if (red.equals("none")) return b;
        if (a instanceof Boolean) {
            boolean x = (Boolean) a, y = (Boolean) b;
            return red.equals("add") || red.equals("max") ? x || y : x && y;
        }
        if (a instanceof Long) {
            long x = (Long) a, y = (Long) b;
            long v = red.equals("add") ? x + y : red.equals("mul") ? x * y : red.equals("max") ? Math.max(x, y) : Math.min(x, y);
            return dt.wrap(v);
        }
        float x = (Float) a, y = (Float) b;
        float v = red.equals("add") ? x + y : red.equals("mul") ? x * y : red.equals("max") ? Math.max(x, y) : Math.min(x, y);
        return roundFloat(dt, v);
    }

    @Test void scatterNdErrorsAndTypes() {
        Tensor data = floats(sh(4), 1, 2, 3, 4);
        assertOpError("updates shape", () -> run("ScatterND", 13, none(), data, longs(sh(2, 1), 0, 1), floats(sh(3), 1, 2, 3)));
        assertOpError("out of range", () -> run("ScatterND", 13, none(), data, longs(sh(1, 1), 4), floats(sh(1), 1)));
        assertOpError("cannot index", () -> run("ScatterND", 13, none(), data, longs(sh(1, 2), 0, 0), floats(sh(1), 1)));
        assertOpError("unknown reduction", () -> run("ScatterND", 16, attrs(s("reduction", "avg")), data, longs(sh(1, 1), 0), floats(sh(1), 1)));
        assertOpError("updates dtype", () -> run("ScatterND", 13, none(), data, longs(sh(1, 1), 0), longs(sh(1), 1)));
        assertEquals(type(DType.FLOAT, sym("b"), d(4)),
                infer1("ScatterND", 13, none(), types(type(DType.FLOAT, sym("b"), d(4)), type(DType.INT64, sym("n"), d(1)), type(DType.FLOAT, sym("n"), d(4)))));
    }

    // ---- ScatterElements / Scatter ----

    @Test void scatterElementsOnnxExamples() {
        Tensor data = floats(sh(3, 3), 0, 0, 0, 0, 0, 0, 0, 0, 0);
        Tensor idx = longs(sh(2, 3), 1, 0, 2, 0, 2, 1);
        Tensor upd = floats(sh(2, 3), 1.0f, 1.1f, 1.2f, 2.0f, 2.1f, 2.2f);
        float[] expected = {2.0f, 1.1f, 0.0f, 1.0f, 0.0f, 2.2f, 0.0f, 2.1f, 1.2f};
        assertFloats(sh(3, 3), expected, run("ScatterElements", 13, none(), data, idx, upd));
        assertFloats(sh(3, 3), expected, run("Scatter", 9, attrs(i("axis", 0)), data, idx, upd));

        Tensor row = floats(sh(1, 5), 1, 2, 3, 4, 5);
        assertFloats(sh(1, 5), new float[] {1, 1.1f, 3, 2.1f, 5},
                run("ScatterElements", 11, attrs(i("axis", 1)), row, longs(sh(1, 2), 1, 3), floats(sh(1, 2), 1.1f, 2.1f)));
        assertFloats(sh(1, 5), new float[] {1, 1.1f, 2.1f, 4, 5},
                run("ScatterElements", 13, attrs(i("axis", -1)), row, longs(sh(1, 2), 1, -3), floats(sh(1, 2), 1.1f, 2.1f)));
        // Duplicate indices with add (ONNX test_scatter_elements_with_duplicate_indices): accumulates in order, in float.
        assertFloats(sh(1, 5), new float[] {1, (2f + 1.1f) + 2.1f, 3, 4, 5},
                run("ScatterElements", 16, attrs(i("axis", 1), s("reduction", "add")), row, longs(sh(1, 2), 1, 1), floats(sh(1, 2), 1.1f, 2.1f)));
    }

    @ParameterizedTest @EnumSource(value = DType.class, names = {"FLOAT", "BFLOAT16", "INT64", "UINT8", "BOOL"})
    void randomScatterElementsMatchesReference(DType dt) {
        Random rnd = new Random(23 + dt.ordinal());
        for (int trial = 0; trial < 30; trial++) {
            int r = 1 + rnd.nextInt(3);
            int[] ds = randomShape(rnd, r, 4);
            int axis = rnd.nextInt(r);
            int[] is = new int[r];
            for (int m = 0; m < r; m++) is[m] = m == axis ? rnd.nextInt(4) : 1 + rnd.nextInt(ds[m]);
            long[] iv = new long[IndexMaps.size(is)];
            for (int t = 0; t < iv.length; t++) iv[t] = rnd.nextInt(2 * ds[axis]) - ds[axis];
            String red = REDUCTIONS[rnd.nextInt(REDUCTIONS.length)];
            Tensor x = random(dt, ds, rnd), upd = random(dt, is, rnd);
            Object[] expected = new Object[x.size()];
            for (int e = 0; e < expected.length; e++) expected[e] = get(x, e);
            for (int t = 0; t < iv.length; t++) {
                int[] c = unravel(t, is);
                c[axis] = (int) (iv[t] < 0 ? iv[t] + ds[axis] : iv[t]);
                int at = ravel(c, ds);
                expected[at] = combine(dt, red, expected[at], get(upd, t));
            }
            assertTensor(build(dt, ds, e -> expected[e]),
                    run("ScatterElements", 18, attrs(i("axis", axis), s("reduction", red)), x, longs(is, iv), upd));
        }
    }

    @Test void scatterElementsErrorsAndTypes() {
        Tensor data = floats(sh(2, 2), 1, 2, 3, 4);
        assertOpError("same shape", () -> run("ScatterElements", 13, none(), data, longs(sh(1, 2), 0, 1), floats(sh(2, 1), 1, 2)));
        assertOpError("out of range", () -> run("ScatterElements", 13, none(), data, longs(sh(1, 1), 2), floats(sh(1, 1), 1)));
        assertOpError("rank", () -> run("ScatterElements", 13, none(), data, vec(0), floats(sh(1), 1)));
        assertOpError("exceeds data shape", () -> run("ScatterElements", 13, none(), data, longs(sh(1, 3), 0, 0, 0), floats(sh(1, 3), 1, 1, 1)));
        TensorType t = infer1("ScatterElements", 13, attrs(i("axis", 1)),
                types(type(DType.FLOAT, sym("b"), d(8)), type(DType.INT64, sym("b"), d(2)), type(DType.FLOAT, sym("b"), d(2))));
        assertEquals(type(DType.FLOAT, sym("b"), d(8)), t);
    }
}
