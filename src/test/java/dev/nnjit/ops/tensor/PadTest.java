package dev.nnjit.ops.tensor;

import static dev.nnjit.ops.tensor.TensorOpTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PadTest {
    /** [[1, 2], [3, 4], [5, 6]] as in the ONNX Pad examples. */
    private static final Tensor X = floats(sh(3, 2), 1, 2, 3, 4, 5, 6);

    @Test void constantModeAllForms() {
        float[] expected = {0, 0, 1, 2, 0, 0, 3, 4, 0, 0, 5, 6};
        // pads [0, 2, 0, 0]: 2 columns before on axis 1.
        assertFloats(sh(3, 4), expected, run("Pad", 13, none(), X, vec(0, 2, 0, 0)));
        assertFloats(sh(3, 4), expected, run("Pad", 2, attrs(ints("pads", 0, 2, 0, 0)), X));
        assertFloats(sh(3, 4), expected, run("Pad", 1, attrs(ints("paddings", 0, 2, 0, 0)), X));
        float[] withValue = {9, 9, 1, 2, 9, 9, 3, 4, 9, 9, 5, 6};
        assertFloats(sh(3, 4), withValue, run("Pad", 11, none(), X, vec(0, 2, 0, 0), Tensor.scalar(9)));
        assertFloats(sh(3, 4), withValue, run("Pad", 2, attrs(ints("pads", 0, 2, 0, 0), f("value", 9)), X));
        // Opset 18 axes input: pad only axis -1.
        assertFloats(sh(3, 4), withValue, run("Pad", 18, none(), X, vec(2, 0), Tensor.scalar(9), vec(-1)));
    }

    @Test void reflectAndEdgeOnnxExamples() {
        // ONNX Pad doc, reflect with pads [0, 2, 0, 0].
        assertFloats(sh(3, 4), new float[] {1, 2, 1, 2, 3, 4, 3, 4, 5, 6, 5, 6},
                run("Pad", 13, attrs(s("mode", "reflect")), X, vec(0, 2, 0, 0)));
        assertFloats(sh(3, 4), new float[] {1, 1, 1, 2, 3, 3, 3, 4, 5, 5, 5, 6},
                run("Pad", 13, attrs(s("mode", "edge")), X, vec(0, 2, 0, 0)));
        // Rows reflected on axis 0: [5 6] [3 4] | [1 2] [3 4] [5 6] | [3 4].
        assertFloats(sh(6, 2), new float[] {5, 6, 3, 4, 1, 2, 3, 4, 5, 6, 3, 4},
                run("Pad", 11, attrs(s("mode", "reflect")), X, vec(2, 0, 1, 0)));
        // Wrap (opset 19): periodic.
        assertFloats(sh(3, 5), new float[] {2, 1, 2, 1, 2, 4, 3, 4, 3, 4, 6, 5, 6, 5, 6},
                run("Pad", 19, attrs(s("mode", "wrap")), X, vec(0, 1, 0, 2)));
        // Reflect wider than the axis repeats the mirror (numpy semantics): [1 2 3] padded by 4 on the left.
        assertFloats(sh(7), new float[] {1, 2, 3, 2, 1, 2, 3}, run("Pad", 13, attrs(s("mode", "reflect")), floats(sh(3), 1, 2, 3), vec(4, 0)));
        // A size-1 axis reflects to itself.
        assertFloats(sh(3), new float[] {7, 7, 7}, run("Pad", 13, attrs(s("mode", "reflect")), floats(sh(1), 7), vec(1, 1)));
    }

    @Test void negativePadsCrop() {
        assertFloats(sh(2, 1), new float[] {4, 6}, run("Pad", 13, none(), X, vec(-1, -1, 0, 0)));
        assertFloats(sh(3, 2), new float[] {2, 0, 4, 0, 6, 0}, run("Pad", 13, none(), X, vec(0, -1, 0, 1)));
        assertArrayEquals(sh(0, 2), run("Pad", 13, none(), X, vec(-2, 0, -1, 0)).shape());
    }

    @ParameterizedTest @EnumSource(value = DType.class, names = {"FLOAT", "FLOAT16", "INT64", "INT32", "UINT8", "BOOL"})
    void randomPadsMatchReference(DType dt) {
        Random rnd = new Random(51 + dt.ordinal());
        String[] modes = {"constant", "reflect", "edge", "wrap"};
        for (int trial = 0; trial < 40; trial++) {
            int r = 1 + rnd.nextInt(3);
            int[] is = randomShape(rnd, r, 4);
            String mode = modes[rnd.nextInt(4)];
            long[] pads = new long[2 * r];
            int[] os = new int[r];
            for (int k = 0; k < r; k++) {
                // Non-negative pads for the mirroring modes (negative ones are cropped in the constant mode tests).
                int lo = mode.equals("constant") ? -is[k] / 2 : 0;
                pads[k] = lo + rnd.nextInt(5);
                pads[k + r] = lo + rnd.nextInt(5);
                os[k] = is[k] + (int) pads[k] + (int) pads[k + r];
            }
            Tensor x = random(dt, is, rnd);
            Tensor value = random(dt, sh(), rnd);
            Tensor expected = build(dt, os, flat -> {
                int[] c = unravel(flat, os);
                for (int k = 0; k < r; k++) {
                    int n = is[k];
                    int p = c[k] - (int) pads[k];
                    if (p >= 0 && p < n) { c[k] = p; continue; }
                    switch (mode) {
                        case "constant": return get(value, 0);
                        case "edge": p = p < 0 ? 0 : n - 1; break;
                        case "wrap": p = ((p % n) + n) % n; break;
                        default: // reflect by walking: bounce off the ends one step at a time.
                            if (n == 1) { p = 0; break; }
                            int pos = 0, dir = 1, steps = p < 0 ? -p : p;
                            if (p < 0) { dir = 1; pos = 0; } else { dir = -1; pos = n - 1; steps = p - (n - 1); }
                            for (int s = 0; s < steps; s++) {
                                if (pos + dir < 0 || pos + dir >= n) dir = -dir;
                                pos += dir;
                            }
                            p = pos;
                    }
                    c[k] = p;
                }
                return get(x, ravel(c, is));
            });
            assertTensor(expected, run("Pad", 19, attrs(s("mode", mode)), x, vec(pads), value));
        }
    }

    @Test void errors() {
        assertOpError("must have 4 entries", () -> run("Pad", 13, none(), X, vec(1, 1)));
        assertOpError("negative size", () -> run("Pad", 13, none(), X, vec(-2, 0, -2, 0)));
        assertOpError("unknown pad mode", () -> run("Pad", 13, attrs(s("mode", "mirror")), X, vec(0, 0, 0, 0)));
        assertOpError("empty axis", () -> run("Pad", 13, attrs(s("mode", "reflect")), floats(sh(0, 2)), vec(1, 0, 0, 0)));
        assertOpError("constant_value dtype", () -> run("Pad", 13, none(), X, vec(0, 0, 0, 0), scalarL(1)));
        assertOpError("pads are required", () -> run("Pad", 2, none(), X));
    }

    @Test void typeRule() {
        TensorType in = type(DType.FLOAT, sym("b"), d(3), d(8), d(8));
        TensorType p = type(DType.INT64, 8);
        assertEquals(type(DType.FLOAT, sym("b"), d(3), d(10), d(10)),
                infer1("Pad", 13, none(), types(in, p), null, vec(0, 0, 1, 1, 0, 0, 1, 1)));
        assertEquals(type(DType.FLOAT, unk(), d(3), d(8), d(9)),
                infer1("Pad", 13, none(), types(in, p), null, vec(1, 0, 0, 0, 0, 0, 0, 1)));
        assertEquals(type(DType.FLOAT, unk(), unk(), unk(), unk()), infer1("Pad", 13, none(), types(in, p)));
        assertEquals(type(DType.FLOAT, sym("b"), d(3), d(8), d(12)),
                infer1("Pad", 18, none(), types(in, type(DType.INT64, 2), scalarType(DType.FLOAT), type(DType.INT64, 1)), null, vec(2, 2), null, vec(-1)));
    }
}
