package dev.nnjit.ops.tensor;

import static dev.nnjit.ops.tensor.TensorOpTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Shape;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Reshape, Flatten, Squeeze, Unsqueeze: views that keep the elements and change the dims. */
class ReshapeOpsTest {
    private static final Tensor X234 = tensor(DType.FLOAT, sh(2, 3, 4), seq(24));

    static double[] seq(int n) {
        double[] v = new double[n];
        for (int k = 0; k < n; k++) v[k] = k;
        return v;
    }

    // ---- Reshape ----

    @Test void reshapeCopiesZeroAndInfersMinusOne() {
        Tensor y = run("Reshape", 13, none(), X234, vec(0, -1));
        assertArrayEquals(sh(2, 12), y.shape());
        assertTensor(tensor(DType.FLOAT, sh(2, 12), seq(24)), y);
        assertArrayEquals(sh(4, 2, 3), run("Reshape", 13, none(), X234, vec(4, 2, -1)).shape());
        assertArrayEquals(sh(2, 3, 4), run("Reshape", 13, none(), X234, vec(0, 0, 0)).shape());
        assertArrayEquals(sh(24), run("Reshape", 13, none(), X234, vec(-1)).shape());
        assertArrayEquals(sh(1, 3, 4, 2), run("Reshape", 5, none(), X234, vec(1, 0, 0, -1)).shape());
    }

    @Test void reshapeToScalarAndFromScalar() {
        Tensor s = run("Reshape", 13, none(), tensor(DType.INT64, sh(1, 1), 7), Tensor.ofLongs(sh(0), new long[0]));
        assertArrayEquals(sh(), s.shape());
        assertEquals(7L, s.longs()[0]);
        assertArrayEquals(sh(1, 1, 1), run("Reshape", 13, none(), s, vec(1, -1, 1)).shape());
    }

    @Test void reshapeAllowZero() {
        Tensor empty = tensor(DType.FLOAT, sh(0, 3));
        // allowzero=1: 0 is a real empty dim, so [3, 0] is valid for a 0-element input.
        assertArrayEquals(sh(3, 0), run("Reshape", 14, attrs(i("allowzero", 1)), empty, vec(3, 0)).shape());
        // allowzero=0: 0 copies dim 0 of the input (0), dim 1 stays 3.
        assertArrayEquals(sh(0, 3), run("Reshape", 14, none(), empty, vec(0, 3)).shape());
        // allowzero with a non-empty input: 0 copied vs 0 literal.
        Tensor x = tensor(DType.FLOAT, sh(0, 3, 4));
        assertArrayEquals(sh(3, 4, 0), run("Reshape", 14, attrs(i("allowzero", 1)), x, vec(3, 4, 0)).shape());
        assertOpError("both 0 and -1", () -> run("Reshape", 14, attrs(i("allowzero", 1)), x, vec(0, -1)));
    }

    @Test void reshapeAttributeFormBeforeOpset5() {
        assertArrayEquals(sh(6, 4), run("Reshape", 1, attrs(ints("shape", 6, -1)), X234).shape());
    }

    @ParameterizedTest @EnumSource(value = DType.class, names = {"FLOAT", "FLOAT16", "INT64", "INT32", "UINT8", "BOOL"})
    void reshapeKeepsElementsOfEveryStorage(DType dt) {
        Tensor x = random(dt, sh(3, 4), new Random(1));
        Tensor y = run("Reshape", 13, none(), x, vec(2, 6));
        for (int k = 0; k < 12; k++) assertEquals(get(x, k), get(y, k));
    }

    @Test void reshapeErrors() {
        assertOpError("cannot reshape", () -> run("Reshape", 13, none(), X234, vec(5, -1)));
        assertOpError("elements", () -> run("Reshape", 13, none(), X234, vec(5, 5)));
        assertOpError("more than one -1", () -> run("Reshape", 13, none(), X234, vec(-1, -1)));
        assertOpError("invalid dimension -2", () -> run("Reshape", 13, none(), X234, vec(-2, 12)));
        assertOpError("copies dimension 3", () -> run("Reshape", 13, none(), X234, vec(2, 3, 4, 0)));
    }

    @Test void reshapeTypeRuleCancelsSymbols() {
        TensorType in = type(DType.FLOAT, sym("batch"), sym("seq"), d(768));
        TensorType[] ts = types(in, type(DType.INT64, 4));
        assertEquals(type(DType.FLOAT, sym("batch"), sym("seq"), d(12), d(64)),
                infer1("Reshape", 13, none(), ts, null, vec(0, 0, 12, -1)));
        // [b, s, 12, 64] -> [0, 0, -1]: the -1 is 768 after cancelling b and s.
        TensorType heads = type(DType.FLOAT, sym("batch"), sym("seq"), d(12), d(64));
        assertEquals(type(DType.FLOAT, sym("batch"), sym("seq"), d(768)),
                infer1("Reshape", 13, none(), types(heads, type(DType.INT64, 3)), null, vec(0, 0, -1)));
        // [b, s, 768] -> [-1, 768]: the remaining symbols b*s cannot be one dim.
        assertEquals(type(DType.FLOAT, unk(), d(768)),
                infer1("Reshape", 13, none(), ts, null, vec(-1, 768)));
        // [b, 768] -> [-1, 12, 64]: exactly one symbol remains with matching known parts.
        assertEquals(type(DType.FLOAT, sym("batch"), d(12), d(64)),
                infer1("Reshape", 13, none(), types(type(DType.FLOAT, sym("batch"), d(768)), type(DType.INT64, 3)), null, vec(-1, 12, 64)));
    }

    @Test void reshapeTypeRuleWithoutConstantShape() {
        TensorType in = type(DType.FLOAT, sym("batch"), d(8));
        assertEquals(type(DType.FLOAT, unk(), unk(), unk()), infer1("Reshape", 13, none(), types(in, type(DType.INT64, 3))));
        assertEquals(unranked(DType.FLOAT), infer1("Reshape", 13, none(), types(in, type(DType.INT64, sym("n")))));
        // Unknown input rank with a constant shape: literal dims known, copies unknown.
        assertEquals(type(DType.FLOAT, unk(), d(4)), infer1("Reshape", 13, none(), types(unranked(DType.FLOAT), type(DType.INT64, 2)), null, vec(0, 4)));
    }

    // ---- Flatten ----

    @Test void flattenAllAxes() {
        int[][] expected = {{1, 24}, {2, 12}, {6, 4}, {24, 1}};
        for (int axis = 0; axis <= 3; axis++) {
            Tensor y = run("Flatten", 13, attrs(i("axis", axis)), X234);
            assertArrayEquals(expected[axis], y.shape());
            assertTensor(tensor(DType.FLOAT, expected[axis], seq(24)), y);
            if (axis < 3) assertArrayEquals(expected[axis], run("Flatten", 11, attrs(i("axis", axis - 3)), X234).shape());
        }
        assertArrayEquals(sh(2, 12), run("Flatten", 9, none(), X234).shape());
        // A scalar flattens to [1, 1] at axis 0; empty dims give empty rows.
        assertArrayEquals(sh(1, 1), run("Flatten", 13, attrs(i("axis", 0)), tensor(DType.BOOL, sh(), 1)).shape());
        assertArrayEquals(sh(0, 3), run("Flatten", 13, attrs(i("axis", 2)), tensor(DType.INT32, sh(2, 0, 3))).shape());
    }

    @Test void flattenErrorsAndTypes() {
        assertOpError("out of range", () -> run("Flatten", 13, attrs(i("axis", 4)), X234));
        assertOpError("out of range", () -> run("Flatten", 9, attrs(i("axis", -1)), X234));
        assertEquals(type(DType.FLOAT, sym("b"), d(12)),
                infer1("Flatten", 13, none(), types(type(DType.FLOAT, sym("b"), d(3), d(4)))));
        assertEquals(type(DType.FLOAT, unk(), d(4)),
                infer1("Flatten", 13, attrs(i("axis", 2)), types(type(DType.FLOAT, sym("b"), d(3), d(4)))));
        assertEquals(type(DType.FLOAT, sym("b"), unk()),
                infer1("Flatten", 13, none(), types(type(DType.FLOAT, sym("b"), sym("s"), d(4)))));
    }

    // ---- Unsqueeze ----

    @Test void unsqueezeAxesAsInputAndAttribute() {
        Tensor x = tensor(DType.INT64, sh(3, 4), seq(12));
        assertArrayEquals(sh(1, 3, 4), run("Unsqueeze", 13, none(), x, vec(0)).shape());
        assertArrayEquals(sh(3, 1, 4), run("Unsqueeze", 13, none(), x, vec(1)).shape());
        assertArrayEquals(sh(3, 4, 1), run("Unsqueeze", 13, none(), x, vec(-1)).shape());
        assertArrayEquals(sh(1, 3, 1, 4, 1), run("Unsqueeze", 13, none(), x, vec(4, 0, 2)).shape());
        assertArrayEquals(sh(3, 4, 1, 1), run("Unsqueeze", 11, attrs(ints("axes", -1, -2)), x).shape());
        assertArrayEquals(sh(1, 3, 4), run("Unsqueeze", 1, attrs(ints("axes", 0)), x).shape());
        assertArrayEquals(sh(1), run("Unsqueeze", 13, none(), scalarL(5), vec(0)).shape());
        assertTensor(tensor(DType.INT64, sh(3, 1, 4), seq(12)), run("Unsqueeze", 13, none(), x, vec(1)));
    }

    @Test void unsqueezeErrors() {
        Tensor x = tensor(DType.FLOAT, sh(3, 4), seq(12));
        assertOpError("out of range", () -> run("Unsqueeze", 13, none(), x, vec(3)));
        assertOpError("repeated", () -> run("Unsqueeze", 13, none(), x, vec(1, 1)));
        assertOpError("repeated", () -> run("Unsqueeze", 13, none(), x, vec(0, -4)));
        assertOpError("axes are required", () -> run("Unsqueeze", 11, none(), x));
    }

    @Test void unsqueezeTypeRule() {
        TensorType in = type(DType.FLOAT, sym("b"), d(4));
        assertEquals(type(DType.FLOAT, sym("b"), d(1), d(4)),
                infer1("Unsqueeze", 13, none(), types(in, type(DType.INT64, 1)), null, vec(1)));
        assertEquals(type(DType.FLOAT, unk(), unk(), unk(), unk()),
                infer1("Unsqueeze", 13, none(), types(in, type(DType.INT64, 2))));
        assertEquals(unranked(DType.FLOAT), infer1("Unsqueeze", 13, none(), types(in, type(DType.INT64, sym("k")))));
    }

    // ---- Squeeze ----

    @Test void squeezeWithAndWithoutAxes() {
        Tensor x = tensor(DType.FLOAT, sh(1, 3, 1, 2), seq(6));
        assertArrayEquals(sh(3, 2), run("Squeeze", 13, none(), x).shape());
        assertArrayEquals(sh(3, 1, 2), run("Squeeze", 13, none(), x, vec(0)).shape());
        assertArrayEquals(sh(1, 3, 2), run("Squeeze", 13, none(), x, vec(-2)).shape());
        assertArrayEquals(sh(3, 2), run("Squeeze", 13, none(), x, vec(0, 2)).shape());
        assertArrayEquals(sh(3, 2), run("Squeeze", 11, attrs(ints("axes", 0, -2)), x).shape());
        assertArrayEquals(sh(3, 2), run("Squeeze", 1, none(), x).shape());
        assertArrayEquals(sh(), run("Squeeze", 13, none(), tensor(DType.BOOL, sh(1, 1), 1)).shape());
        // An empty axes list removes nothing (the ONNX reference's numpy.squeeze(axis=())).
        assertArrayEquals(sh(1, 3, 1, 2), run("Squeeze", 13, none(), x, Tensor.ofLongs(sh(0), new long[0])).shape());
        assertTensor(tensor(DType.FLOAT, sh(3, 2), seq(6)), run("Squeeze", 13, none(), x));
    }

    @Test void squeezeErrors() {
        Tensor x = tensor(DType.FLOAT, sh(1, 3), seq(3));
        assertOpError("not 1", () -> run("Squeeze", 13, none(), x, vec(1)));
        assertOpError("out of range", () -> run("Squeeze", 13, none(), x, vec(2)));
        assertOpError("repeated", () -> run("Squeeze", 13, none(), x, vec(0, -2)));
    }

    @Test void squeezeTypeRule() {
        TensorType in = type(DType.FLOAT, d(1), sym("s"), d(1));
        assertEquals(type(DType.FLOAT, sym("s")), infer1("Squeeze", 13, none(), types(in, type(DType.INT64, 2)), null, vec(0, -1)));
        // Without axes a symbolic dim might be 1: the rank is unknown.
        assertFalse(infer1("Squeeze", 13, none(), types(in)).shape().hasRank());
        assertEquals(type(DType.FLOAT, d(4)), infer1("Squeeze", 13, none(), types(type(DType.FLOAT, 1, 4, 1))));
        assertEquals(type(DType.FLOAT, unk()), infer1("Squeeze", 13, none(), types(in, type(DType.INT64, 2))));
        // Squeezing a symbolic dim is allowed (it must be 1 at run time).
        assertEquals(type(DType.FLOAT, d(1), d(1)), infer1("Squeeze", 11, attrs(ints("axes", 1)), types(in)));
        assertEquals(Shape.unknownRank(), infer1("Squeeze", 13, none(), types(unranked(DType.FLOAT))).shape());
    }
}
