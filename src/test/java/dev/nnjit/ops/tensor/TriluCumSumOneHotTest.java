package dev.nnjit.ops.tensor;

import static dev.nnjit.ops.tensor.TensorOpTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Trilu, CumSum, OneHot. */
class TriluCumSumOneHotTest {
    private static final Tensor M3 = longs(sh(3, 3), 1, 2, 3, 4, 5, 6, 7, 8, 9);

    // ---- Trilu ----

    @Test void triluUpperAndLowerWithK() {
        assertLongs(sh(3, 3), new long[] {1, 2, 3, 0, 5, 6, 0, 0, 9}, run("Trilu", 14, none(), M3));
        assertLongs(sh(3, 3), new long[] {0, 2, 3, 0, 0, 6, 0, 0, 0}, run("Trilu", 14, none(), M3, scalarL(1)));
        assertLongs(sh(3, 3), new long[] {1, 2, 3, 4, 5, 6, 0, 8, 9}, run("Trilu", 14, none(), M3, scalarL(-1)));
        assertLongs(sh(3, 3), new long[] {1, 0, 0, 4, 5, 0, 7, 8, 9}, run("Trilu", 14, attrs(i("upper", 0)), M3));
        assertLongs(sh(3, 3), new long[] {0, 0, 0, 4, 0, 0, 7, 8, 0}, run("Trilu", 14, attrs(i("upper", 0)), M3, scalarL(-1)));
        assertLongs(sh(3, 3), new long[] {1, 2, 0, 4, 5, 6, 7, 8, 9}, run("Trilu", 14, attrs(i("upper", 0)), M3, scalarL(1)));
        // Out-of-range k keeps or clears everything (test_tril_out_pos / test_triu_out_neg_out).
        assertLongs(sh(3, 3), M3.longs(), run("Trilu", 14, attrs(i("upper", 0)), M3, scalarL(6)));
        assertLongs(sh(3, 3), new long[9], run("Trilu", 14, none(), M3, scalarL(6)));
        // Non-square, batched, empty.
        Tensor r = longs(sh(2, 2, 3), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        assertLongs(sh(2, 2, 3), new long[] {1, 2, 3, 0, 5, 6, 7, 8, 9, 0, 11, 12}, run("Trilu", 14, none(), r));
        assertArrayEquals(sh(0, 5), run("Trilu", 14, none(), floats(sh(0, 5))).shape());
    }

    @ParameterizedTest @EnumSource(value = DType.class, names = {"FLOAT", "FLOAT16", "INT64", "UINT8", "BOOL"})
    void randomTriluMatchesReference(DType dt) {
        Random rnd = new Random(71 + dt.ordinal());
        for (int trial = 0; trial < 20; trial++) {
            int[] s = randomShape(rnd, 2 + rnd.nextInt(2), 5);
            long k = rnd.nextInt(9) - 4;
            boolean upper = rnd.nextBoolean();
            Tensor x = random(dt, s, rnd);
            Object zero = get(tensor(dt, sh(1), 0), 0);
            Tensor expected = build(dt, s, flat -> {
                int[] c = unravel(flat, s);
                int row = c[c.length - 2], col = c[c.length - 1];
                boolean keep = upper ? col >= row + k : col <= row + k;
                return keep ? get(x, flat) : zero;
            });
            assertTensor(expected, run("Trilu", 14, attrs(i("upper", upper ? 1 : 0)), x, scalarL(k)));
        }
    }

    @Test void triluErrors() {
        assertOpError("rank >= 2", () -> run("Trilu", 14, none(), vec(1, 2)));
        assertOpError("scalar", () -> run("Trilu", 14, none(), M3, vec(1, 2)));
        assertOpError("integer", () -> run("Trilu", 14, none(), M3, Tensor.scalar(1)));
        assertEquals(type(DType.FLOAT, sym("b"), sym("s"), sym("s")),
                infer1("Trilu", 14, none(), types(type(DType.FLOAT, sym("b"), sym("s"), sym("s")))));
    }

    // ---- CumSum ----

    @Test void cumSumOnnxExamples() {
        Tensor x = floats(sh(5), 1, 2, 3, 4, 5);
        assertFloats(sh(5), new float[] {1, 3, 6, 10, 15}, run("CumSum", 11, none(), x, scalarL(0)));
        assertFloats(sh(5), new float[] {0, 1, 3, 6, 10}, run("CumSum", 11, attrs(i("exclusive", 1)), x, scalarL(0)));
        assertFloats(sh(5), new float[] {15, 14, 12, 9, 5}, run("CumSum", 11, attrs(i("reverse", 1)), x, tensor(DType.INT32, sh(), 0)));
        assertFloats(sh(5), new float[] {14, 12, 9, 5, 0}, run("CumSum", 11, attrs(i("reverse", 1), i("exclusive", 1)), x, scalarL(0)));
        Tensor m = floats(sh(2, 3), 1, 2, 3, 4, 5, 6);
        assertFloats(sh(2, 3), new float[] {1, 2, 3, 5, 7, 9}, run("CumSum", 11, none(), m, scalarL(0)));
        assertFloats(sh(2, 3), new float[] {1, 3, 6, 4, 9, 15}, run("CumSum", 11, none(), m, vec(1)));
        assertFloats(sh(2, 3), new float[] {1, 3, 6, 4, 9, 15}, run("CumSum", 11, none(), m, scalarL(-1)));
        // Integers wrap in their width.
        assertTensor(tensor(DType.INT8, sh(2), 100, -56), run("CumSum", 11, none(), tensor(DType.INT8, sh(2), 100, 100), scalarL(0)));
    }

    @Test void randomCumSumMatchesReference() {
        Random rnd = new Random(73);
        for (int trial = 0; trial < 30; trial++) {
            int[] s = randomShape(rnd, 1 + rnd.nextInt(3), 5);
            int axis = rnd.nextInt(s.length);
            boolean excl = rnd.nextBoolean(), rev = rnd.nextBoolean();
            Tensor x = random(DType.INT64, s, rnd);
            Tensor expected = build(DType.INT64, s, flat -> {
                int[] c = unravel(flat, s);
                long sum = 0;
                int self = c[axis];
                for (int j = 0; j < s[axis]; j++) {
                    boolean in = rev ? (excl ? j > self : j >= self) : (excl ? j < self : j <= self);
                    c[axis] = j;
                    if (in) sum += x.longs()[ravel(c, s)];
                }
                return sum;
            });
            assertTensor(expected, run("CumSum", 14, attrs(i("exclusive", excl ? 1 : 0), i("reverse", rev ? 1 : 0)), x, scalarL(axis)));
        }
    }

    @Test void cumSumErrorsAndTypes() {
        assertOpError("out of range", () -> run("CumSum", 11, none(), floats(sh(2), 1, 2), scalarL(1)));
        assertOpError("scalar", () -> run("CumSum", 11, none(), floats(sh(2), 1, 2), vec(0, 0)));
        assertOpError("numeric", () -> run("CumSum", 11, none(), bools(sh(2), true, true), scalarL(0)));
        assertEquals(type(DType.FLOAT, sym("b"), d(3)), infer1("CumSum", 11, none(), types(type(DType.FLOAT, sym("b"), d(3)), scalarType(DType.INT64))));
    }

    // ---- OneHot ----

    @Test void oneHotAxesAndValues() {
        Tensor values = floats(sh(2), 0, 1);
        assertFloats(sh(2, 3), new float[] {1, 0, 0, 0, 0, 1}, run("OneHot", 11, none(), vec(0, 2), scalarL(3), values));
        assertFloats(sh(3, 2), new float[] {1, 0, 0, 0, 0, 1}, run("OneHot", 11, attrs(i("axis", 0)), vec(0, 2), scalarL(3), values));
        assertFloats(sh(3, 2), new float[] {1, 0, 0, 0, 0, 1}, run("OneHot", 11, attrs(i("axis", -2)), vec(0, 2), scalarL(3), values));
        // Out-of-range index: all off; float indices and depth truncate; other value dtypes.
        assertLongs(sh(2, 3), new long[] {5, 5, 5, 5, 9, 5}, run("OneHot", 11, none(), floats(sh(2), 7, 1.7f), Tensor.scalar(3), vec(5, 9)));
        // test_onehot_negative_indices: [0, -7, -8] with depth 10 -> on at 0, 3, 2.
        Tensor y = run("OneHot", 11, none(), vec(0, -7, -8), Tensor.scalar(10), floats(sh(2), 1, 3));
        assertArrayEquals(sh(3, 10), y.shape());
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 10; c++) assertEquals(c == new int[] {0, 3, 2}[r] ? 3f : 1f, y.floats()[r * 10 + c]);
        }
        // 2-D indices with axis 1 (test_onehot_with_axis): output [2, depth, 2].
        Tensor z = run("OneHot", 11, attrs(i("axis", 1)), longs(sh(2, 2), 1, 9, 2, 4), scalarL(10), bools(sh(2), false, true));
        assertArrayEquals(sh(2, 10, 2), z.shape());
        assertEquals(true, z.bools()[1 * 2 + 0]);
        assertEquals(true, z.bools()[9 * 2 + 1]);
        assertEquals(true, z.bools()[20 + 2 * 2 + 0]);
        assertEquals(true, z.bools()[20 + 4 * 2 + 1]);
        int on = 0;
        for (boolean b : z.bools()) if (b) on++;
        assertEquals(4, on);
    }

    @Test void oneHotErrorsAndTypes() {
        assertOpError("[off, on]", () -> run("OneHot", 11, none(), vec(0), scalarL(3), floats(sh(3), 0, 1, 2)));
        assertOpError("positive", () -> run("OneHot", 11, none(), vec(0), scalarL(0), floats(sh(2), 0, 1)));
        assertOpError("out of range", () -> run("OneHot", 11, attrs(i("axis", 2)), vec(0), scalarL(3), floats(sh(2), 0, 1)));
        assertEquals(type(DType.FLOAT, sym("b"), unk()),
                infer1("OneHot", 11, none(), types(type(DType.INT64, sym("b")), scalarType(DType.INT64), type(DType.FLOAT, 2))));
        assertEquals(type(DType.FLOAT, d(5), sym("b")),
                infer1("OneHot", 11, attrs(i("axis", 0)), types(type(DType.INT64, sym("b")), scalarType(DType.INT64), type(DType.FLOAT, 2)), null, scalarL(5)));
    }
}
