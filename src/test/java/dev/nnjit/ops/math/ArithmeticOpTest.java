package dev.nnjit.ops.math;

import static dev.nnjit.ops.math.MathOpTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Add, Sub, Mul, Div, Mod, Pow, PRelu. Float results are compared exactly: a float op equals the double op on the
 * same operands rounded once to float (double has more than 2*24+2 bits, so the double rounding is innocuous).
 */
class ArithmeticOpTest {
    /** Pairs of broadcast-compatible shapes: equal, suffix, size-1 on both sides, scalars, empty dims. */
    static final int[][][] SHAPES = {
            {{3, 4}, {3, 4}}, {{3, 4}, {4}}, {{4}, {3, 4}}, {{3, 1}, {1, 4}}, {{2, 3, 4}, {}}, {{}, {2, 3}},
            {{}, {}}, {{2, 1, 4}, {3, 1}}, {{0, 4}, {1, 4}}, {{2, 0, 3}, {3}}, {{5}, {1}}, {{1}, {5}},
            {{1, 1}, {1}}, {{2, 3, 1, 5}, {3, 4, 1}}};

    private static void checkFloatOp(String op, DoubleBinaryOperator ref, float lo, float hi) {
        Random r = new Random(op.hashCode());
        for (int[][] s : SHAPES) {
            Tensor a = randFloats(r, lo, hi, s[0]), b = randFloats(r, lo, hi, s[1]);
            Tensor y = run1(op, 14, Map.of(), a, b);
            int[] out = broadcastShape(s[0], s[1]);
            assertShape(y, out);
            double[] expected = new double[size(out)];
            for (int i = 0; i < expected.length; i++) {
                int[] c = coords(i, out);
                double u = a.floats()[broadcastIndex(s[0], c)], v = b.floats()[broadcastIndex(s[1], c)];
                expected[i] = (float) ref.applyAsDouble(u, v);
            }
            assertClose(expected, y, 0, 0);
        }
    }

    @Test void addBroadcasts() { checkFloatOp("Add", (u, v) -> u + v, -10, 10); }
    @Test void subBroadcasts() { checkFloatOp("Sub", (u, v) -> u - v, -10, 10); }
    @Test void mulBroadcasts() { checkFloatOp("Mul", (u, v) -> u * v, -10, 10); }
    @Test void divBroadcasts() { checkFloatOp("Div", (u, v) -> u / v, 0.5f, 10); }

    @Test
    void powOnFloats() {
        Random r = new Random(5);
        Tensor a = randFloats(r, 0.1f, 4, 3, 5), b = randFloats(r, -3, 3, 5);
        Tensor y = run1("Pow", 15, Map.of(), a, b);
        double[] e = new double[15];
        for (int i = 0; i < 15; i++) e[i] = Math.pow(a.floats()[i], b.floats()[i % 5]);
        // Math.pow is within 1 ulp in double; one float rounding of it is within 0.5 float ulp (+ tiny).
        assertClose(e, y, 0, 1e-7);
    }

    @Test
    void powMixedTypes() {
        // float base, int exponent -> float
        Tensor y = run1("Pow", 15, Map.of(), floats(shape(3), 2f, -3f, 0.5f), longs(shape(3), 3, 2, -2));
        assertEquals(DType.FLOAT, y.dtype());
        assertFloatsExact(y, 8f, 9f, 4f);
        // int base, float exponent -> int (the real result truncated)
        Tensor i32 = Tensor.ofLongs(DType.INT32, shape(3), new long[] {1, 2, 3});
        Tensor z = run1("Pow", 15, Map.of(), i32, floats(shape(3), 4f, 5f, 0.5f));
        assertEquals(DType.INT32, z.dtype());
        assertLongs(z, 1, 32, 1);
        // int ^ int, exact, wrapping in the dtype; negative exponents truncate
        Tensor w = run1("Pow", 15, Map.of(), longs(shape(5), 3, -2, 2, 2, -1), longs(shape(5), 4, 3, 62, -1, -3));
        assertLongs(w, 81, -8, 1L << 62, 0, -1);
        Tensor i8 = run1("Pow", 15, Map.of(), Tensor.ofLongs(DType.INT8, shape(1), new long[] {2}), longs(shape(1), 7));
        assertLongs(i8, -128);
    }

    @Test
    void integerDivTruncatesTowardZero() {
        Tensor y = run1("Div", 14, Map.of(), longs(shape(6), 7, -7, 7, -7, 0, 9), longs(shape(6), 2, 2, -2, -2, 5, 3));
        assertEquals(DType.INT64, y.dtype());
        assertLongs(y, 3, -3, -3, 3, 0, 3);
    }

    @Test
    void integerArithmeticWrapsLikeC() {
        Tensor a = Tensor.ofLongs(DType.UINT8, shape(3), new long[] {250, 3, 0});
        Tensor b = Tensor.ofLongs(DType.UINT8, shape(3), new long[] {10, 5, 1});
        assertLongs(run1("Add", 14, Map.of(), a, b), 4, 8, 1);
        assertLongs(run1("Sub", 14, Map.of(), a, b), 240, 254, 255);
        Tensor i32 = Tensor.ofLongs(DType.INT32, shape(1), new long[] {Integer.MAX_VALUE});
        Tensor y = run1("Mul", 14, Map.of(), i32, Tensor.ofLongs(DType.INT32, shape(1), new long[] {2}));
        assertEquals(DType.INT32, y.dtype());
        assertLongs(y, -2);
    }

    @Test
    void modFollowsFmodAttribute() {
        Tensor a = longs(shape(6), -4, 7, 5, -4, 0, 13), b = longs(shape(6), 7, -3, 3, -3, 5, 5);
        // fmod=0: the sign of the divisor (Python / numpy mod)
        assertLongs(run1("Mod", 13, Map.of(), a, b), 3, -2, 2, -1, 0, 3);
        // fmod=1: the sign of the dividend (C fmod)
        assertLongs(run1("Mod", 13, attrs(intAttr("fmod", 1)), a, b), -4, 1, 2, -1, 0, 3);
        Tensor f = run1("Mod", 13, attrs(intAttr("fmod", 1)),
                floats(shape(4), -4.3f, 7.5f, 5f, -4f), floats(shape(4), 2.1f, -2f, 3f, -3f));
        double[] e = {-4.3f % 2.1f, 1.5, 2, -1};
        assertClose(e, f, 0, 0);
    }

    @Test
    void preluBroadcastsSlopeToX() {
        Tensor x = floats(shape(2, 3), -1f, 2f, -3f, 4f, -5f, 6f);
        Tensor slope = floats(shape(3), 0.5f, 0.25f, 2f);
        assertFloatsExact(run1("PRelu", 16, Map.of(), x, slope), -0.5f, 2f, -6f, 4f, -1.25f, 6f);
        Tensor slopeCol = floats(shape(2, 1), 0.1f, 10f);
        assertFloatsExact(run1("PRelu", 16, Map.of(), x, slopeCol), -0.1f, 2f, -0.3f, 4f, -50f, 6f);
        expectError("does not broadcast to X", "PRelu", 16, Map.of(), 1, floats(shape(3), 1, 2, 3),
                floats(shape(2, 3), 1, 1, 1, 1, 1, 1));
    }

    @Test
    void errors() {
        expectError("cannot be broadcast", "Add", 14, Map.of(), 1, floats(shape(3), 1, 2, 3), floats(shape(2), 1, 2));
        expectError("same type", "Mul", 14, Map.of(), 1, floats(shape(1), 1), longs(shape(1), 1));
        expectError("division by zero", "Div", 14, Map.of(), 1, longs(shape(2), 1, 2), longs(shape(2), 1, 0));
        expectError("modulo by zero", "Mod", 13, Map.of(), 1, longs(shape(1), 1), longs(shape(1), 0));
        expectError("fmod=1", "Mod", 13, Map.of(), 1, floats(shape(1), 1), floats(shape(1), 2));
        expectError("numeric type", "Add", 14, Map.of(), 1, bools(shape(1), true), bools(shape(1), true));
        expectError("raised to negative power", "Pow", 15, Map.of(), 1, longs(shape(1), 0), longs(shape(1), -1));
    }
}
