package dev.nnjit.ops.math;

import static dev.nnjit.ops.math.MathOpTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Comparisons, boolean logic, IsNaN/IsInf. */
class CompareLogicalTest {
    interface Pred { boolean test(double u, double v); }

    private static void check(String op, Pred p) {
        Random r = new Random(op.hashCode());
        for (int[][] s : ArithmeticOpTest.SHAPES) {
            // small integers so that equality happens often
            Tensor a = randLongs(r, DType.INT64, -2, 2, s[0]), b = randLongs(r, DType.INT64, -2, 2, s[1]);
            Tensor fa = Tensor.ofFloats(s[0], toFloats(a)), fb = Tensor.ofFloats(s[1], toFloats(b));
            int[] out = broadcastShape(s[0], s[1]);
            boolean[] expected = new boolean[size(out)];
            for (int i = 0; i < expected.length; i++) {
                int[] c = coords(i, out);
                expected[i] = p.test(a.longs()[broadcastIndex(s[0], c)], b.longs()[broadcastIndex(s[1], c)]);
            }
            for (Tensor[] in : new Tensor[][] {{a, b}, {fa, fb}}) {
                Tensor y = run1(op, 13, Map.of(), in[0], in[1]);
                assertEquals(DType.BOOL, y.dtype());
                assertShape(y, out);
                assertBools(y, expected);
            }
        }
    }

    private static float[] toFloats(Tensor t) {
        float[] f = new float[t.size()];
        for (int i = 0; i < f.length; i++) f[i] = t.longs()[i];
        return f;
    }

    @Test void equal() { check("Equal", (u, v) -> u == v); }
    @Test void less() { check("Less", (u, v) -> u < v); }
    @Test void lessOrEqual() { check("LessOrEqual", (u, v) -> u <= v); }
    @Test void greater() { check("Greater", (u, v) -> u > v); }
    @Test void greaterOrEqual() { check("GreaterOrEqual", (u, v) -> u >= v); }

    @Test
    void nanComparesFalseAndEqualAcceptsBool() {
        Tensor x = floats(shape(2), Float.NaN, 1f), y = floats(shape(2), Float.NaN, Float.NaN);
        assertBools(run1("Equal", 13, Map.of(), x, y), false, false);
        assertBools(run1("GreaterOrEqual", 16, Map.of(), x, y), false, false);
        assertBools(run1("Equal", 13, Map.of(), bools(shape(2, 2), true, false, true, false), bools(shape(2), true, true)),
                true, false, true, false);
    }

    @Test
    void logic() {
        Tensor a = bools(shape(2, 2), true, true, false, false);
        Tensor b = bools(shape(2), true, false);
        assertBools(run1("And", 7, Map.of(), a, b), true, false, false, false);
        assertBools(run1("Or", 7, Map.of(), a, b), true, true, true, false);
        assertBools(run1("Xor", 7, Map.of(), a, b), false, true, true, false);
        assertBools(run1("Not", 1, Map.of(), a), false, false, true, true);
        expectError("expected bool", "And", 7, Map.of(), 1, floats(shape(1), 1), floats(shape(1), 1));
        expectError("expected bool", "Not", 1, Map.of(), 1, longs(shape(1), 1));
    }

    @Test
    void isNanIsInf() {
        Tensor x = floats(shape(5), Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -3f);
        assertBools(run1("IsNaN", 13, Map.of(), x), true, false, false, false, false);
        assertBools(run1("IsInf", 10, Map.of(), x), false, true, true, false, false);
        assertBools(run1("IsInf", 10, attrs(intAttr("detect_negative", 0)), x), false, true, false, false, false);
        assertBools(run1("IsInf", 10, attrs(intAttr("detect_positive", 0)), x), false, false, true, false, false);
    }

    @Test
    void errors() {
        expectError("same type", "Less", 13, Map.of(), 1, floats(shape(1), 1), longs(shape(1), 1));
        expectError("numeric type", "Less", 13, Map.of(), 1, bools(shape(1), true), bools(shape(1), true));
        expectError("cannot be broadcast", "Equal", 13, Map.of(), 1, longs(shape(2), 1, 2), longs(shape(3), 1, 2, 3));
    }
}
