package dev.nnjit.ops.nn;

import static dev.nnjit.ops.math.MathOpTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.model.Attribute;
import dev.nnjit.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Conv against a direct N-D loop in double, for 1-D/2-D/3-D, pads, strides, dilations, groups (incl. depthwise),
 * auto_pad, bias, and images larger than one im2col tile. Tolerance: the rigorous float summation bound
 * (terms + 2) * 2^-24 * sum |terms| per output element (the reference keeps that sum too).
 */
class ConvOpTest {
    /** Direct convolution; pads = {begin..., end...}. Returns {value, abs-sum} per output element. */
    static double[][] reference(Tensor x, Tensor w, Tensor b, int group, int[] strides, int[] dil, int[] pads, int[] outSp) {
        int[] xs = x.shape(), ws = w.shape();
        int nd = xs.length - 2, n = xs[0], c = xs[1], m = ws[0], cg = ws[1], mg = m / group;
        int[] kern = java.util.Arrays.copyOfRange(ws, 2, ws.length);
        int[] outShape = new int[xs.length];
        outShape[0] = n;
        outShape[1] = m;
        System.arraycopy(outSp, 0, outShape, 2, nd);
        double[][] r = new double[2][size(outShape)];
        for (int o = 0; o < r[0].length; o++) {
            int[] oc = coords(o, outShape);
            int img = oc[0], ch = oc[1], grp = ch / mg;
            double sum = b == null ? 0 : b.floats()[ch], abs = 0;
            for (int ci = 0; ci < cg; ci++) {
                for (int k = 0; k < size(kern); k++) {
                    int[] kc = coords(k, kern);
                    int[] xc = new int[xs.length];
                    xc[0] = img;
                    xc[1] = grp * cg + ci;
                    boolean inside = true;
                    for (int d = 0; d < nd; d++) {
                        xc[d + 2] = oc[d + 2] * strides[d] - pads[d] + kc[d] * dil[d];
                        if (xc[d + 2] < 0 || xc[d + 2] >= xs[d + 2]) inside = false;
                    }
                    if (!inside) continue;
                    int[] wc = new int[ws.length];
                    wc[0] = ch;
                    wc[1] = ci;
                    System.arraycopy(kc, 0, wc, 2, nd);
                    double t = (double) x.floats()[flat(xc, xs)] * w.floats()[flat(wc, ws)];
                    sum += t;
                    abs += Math.abs(t);
                }
            }
            r[0][o] = sum;
            r[1][o] = abs;
        }
        return r;
    }

    static int flat(int[] c, int[] shape) {
        int f = 0;
        for (int d = 0; d < shape.length; d++) f = f * shape[d] + c[d];
        return f;
    }

    static void assertWithinBound(double[][] ref, Tensor y, int terms) {
        float[] got = y.floats();
        for (int i = 0; i < got.length; i++) {
            double bound = (terms + 2) * 0x1p-24 * (ref[1][i] + Math.abs(ref[0][i])) * 1.01 + 1e-30;
            assertTrue(Math.abs(got[i] - ref[0][i]) <= bound, "element " + i + ": " + got[i] + " vs " + ref[0][i]);
        }
    }

    private static long[] toLongs(int[] a) {
        long[] r = new long[a.length];
        for (int i = 0; i < a.length; i++) r[i] = a[i];
        return r;
    }

    /** One randomized case with explicit pads; output sizes computed by the textbook formula. */
    private static void explicitCase(Random r, int[] xs, int m, int group, int[] kern, int[] strides, int[] dil,
                                     int[] pads, boolean bias) {
        int nd = kern.length;
        int[] ws = new int[nd + 2];
        ws[0] = m;
        ws[1] = xs[1] / group;
        System.arraycopy(kern, 0, ws, 2, nd);
        Tensor x = randFloats(r, -1, 1, xs), w = randFloats(r, -1, 1, ws), b = bias ? randFloats(r, -1, 1, m) : null;
        int[] out = new int[nd];
        for (int d = 0; d < nd; d++) {
            out[d] = (xs[d + 2] + pads[d] + pads[d + nd] - ((kern[d] - 1) * dil[d] + 1)) / strides[d] + 1;
        }
        Map<String, Attribute> a = attrs(intAttr("group", group), intsAttr("strides", toLongs(strides)),
                intsAttr("dilations", toLongs(dil)), intsAttr("pads", toLongs(pads)));
        Tensor y = bias ? run1("Conv", 11, a, x, w, b) : run1("Conv", 11, a, x, w);
        int[] outShape = new int[nd + 2];
        outShape[0] = xs[0];
        outShape[1] = m;
        System.arraycopy(out, 0, outShape, 2, nd);
        assertShape(y, outShape);
        assertWithinBound(reference(x, w, b, group, strides, dil, pads, out), y, ws[1] * size(kern) + 1);
    }

    @Test
    void randomCasesAcrossRanksAndAttributes() {
        Random r = new Random(31);
        explicitCase(r, new int[] {2, 3, 7, 6}, 4, 1, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1},
                new int[] {1, 1, 1, 1}, true);
        explicitCase(r, new int[] {1, 4, 9, 8}, 6, 2, new int[] {3, 2}, new int[] {2, 3}, new int[] {1, 2},
                new int[] {0, 1, 2, 0}, true);
        explicitCase(r, new int[] {1, 3, 10, 10}, 3, 3, new int[] {3, 3}, new int[] {1, 1}, new int[] {2, 2},
                new int[] {2, 2, 2, 2}, false); // depthwise, dilated
        explicitCase(r, new int[] {2, 5, 6, 7}, 4, 1, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1},
                new int[] {0, 0, 0, 0}, true); // pointwise shortcut
        explicitCase(r, new int[] {2, 5, 6, 7}, 4, 1, new int[] {1, 1}, new int[] {2, 2}, new int[] {1, 1},
                new int[] {0, 0, 0, 0}, false); // 1x1 with stride: not the shortcut
        explicitCase(r, new int[] {2, 3, 17}, 2, 1, new int[] {4}, new int[] {3}, new int[] {1}, new int[] {2, 1}, true);
        explicitCase(r, new int[] {1, 2, 5, 4, 6}, 3, 1, new int[] {2, 3, 2}, new int[] {1, 2, 1}, new int[] {1, 1, 2},
                new int[] {1, 0, 1, 0, 1, 1}, true);
        explicitCase(r, new int[] {1, 2, 45, 41}, 3, 1, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1},
                new int[] {1, 1, 1, 1}, true); // 1845 outputs: two im2col tiles
    }

    @Test
    void autoPad() {
        Random r = new Random(32);
        Tensor x = randFloats(r, -1, 1, 1, 2, 7, 8), w = randFloats(r, -1, 1, 3, 2, 3, 2);
        int[] strides = {2, 3};
        // SAME: out = ceil(in / stride); total pad = (out-1)*stride + k - in: axis0 (4-1)*2+3-7=2, axis1 (3-1)*3+2-8=0
        int[] out = {4, 3};
        Tensor upper = run1("Conv", 11, attrs(stringAttr("auto_pad", "SAME_UPPER"), intsAttr("strides", 2, 3)), x, w);
        assertShape(upper, 1, 3, 4, 3);
        assertWithinBound(reference(x, w, null, 1, strides, new int[] {1, 1}, new int[] {1, 0, 1, 0}, out), upper, 13);
        Tensor x2 = randFloats(r, -1, 1, 1, 2, 6, 6), w2 = randFloats(r, -1, 1, 1, 2, 2, 2);
        // stride 1, k 2: total pad 1 -> SAME_UPPER pads (0 | 1), SAME_LOWER pads (1 | 0)
        Tensor up = run1("Conv", 11, attrs(stringAttr("auto_pad", "SAME_UPPER")), x2, w2);
        Tensor low = run1("Conv", 11, attrs(stringAttr("auto_pad", "SAME_LOWER")), x2, w2);
        int[] one = {1, 1};
        assertWithinBound(reference(x2, w2, null, 1, one, one, new int[] {0, 0, 1, 1}, new int[] {6, 6}), up, 9);
        assertWithinBound(reference(x2, w2, null, 1, one, one, new int[] {1, 1, 0, 0}, new int[] {6, 6}), low, 9);
        Tensor valid = run1("Conv", 11, attrs(stringAttr("auto_pad", "VALID"), intsAttr("pads", 3, 3, 3, 3)), x2, w2);
        assertShape(valid, 1, 1, 5, 5); // VALID ignores pads
    }

    @Test
    void handComputed() {
        // ONNX's basic conv example: 5x5 input 0..24, 3x3 ones kernel, pads 1.
        float[] x = new float[25];
        for (int i = 0; i < 25; i++) x[i] = i;
        float[] ones = new float[9];
        java.util.Arrays.fill(ones, 1f);
        Tensor y = run1("Conv", 11, attrs(intsAttr("pads", 1, 1, 1, 1)), floats(shape(1, 1, 5, 5), x),
                floats(shape(1, 1, 3, 3), ones));
        assertFloatsExact(y, 12, 21, 27, 33, 24, 33, 54, 63, 72, 51, 63, 99, 108, 117, 81, 93, 144, 153, 162, 111,
                72, 111, 117, 123, 84);
        Tensor s = run1("Conv", 11, attrs(intsAttr("strides", 2, 2), intsAttr("kernel_shape", 3, 3)),
                floats(shape(1, 1, 5, 5), x), floats(shape(1, 1, 3, 3), ones));
        assertFloatsExact(s, 54, 72, 144, 162);
    }

    @Test
    void symbolicShapesKeepBatchAndChannels() {
        // run() re-infers with unknown dims; here check what a rule keeps from a partially known type.
        var def = registry().find("", "Conv");
        var types = new dev.nnjit.tensor.TensorType[] {
                new dev.nnjit.tensor.TensorType(dev.nnjit.tensor.DType.FLOAT, dev.nnjit.tensor.Shape.of(
                        dev.nnjit.tensor.Dim.symbol("batch"), dev.nnjit.tensor.Dim.of(3), dev.nnjit.tensor.Dim.unknown(),
                        dev.nnjit.tensor.Dim.of(32))),
                new dev.nnjit.tensor.TensorType(dev.nnjit.tensor.DType.FLOAT, dev.nnjit.tensor.Shape.of(8, 3, 3, 3))};
        var ctx = new dev.nnjit.ops.OpContext("c", "Conv", 13, attrs(intsAttr("strides", 2, 2), intsAttr("pads", 1, 1, 1, 1)),
                types, new Tensor[2], 1);
        assertTrue(def.inferTypes(ctx)[0].shape().toString().equals("[batch, 8, ?, 16]"),
                def.inferTypes(ctx)[0].shape().toString());
    }

    @Test
    void errors() {
        Tensor x = floats(shape(1, 4, 5, 5), new float[100]);
        expectError("X has 4 channels", "Conv", 11, Map.of(), 1, x, floats(shape(2, 3, 3, 3), new float[54]));
        expectError("not divisible by group", "Conv", 11, attrs(intAttr("group", 2)), 1, x,
                floats(shape(3, 2, 3, 3), new float[54]));
        expectError("bias B must have shape [2]", "Conv", 11, Map.of(), 1, x, floats(shape(2, 4, 3, 3), new float[72]),
                floats(shape(3), 1, 2, 3));
        expectError("pads must have 4 values", "Conv", 11, attrs(intsAttr("pads", 1, 1)), 1, x,
                floats(shape(2, 4, 3, 3), new float[72]));
        expectError("exceeds padded input size", "Conv", 11, Map.of(), 1, x, floats(shape(2, 4, 7, 7), new float[392]));
        expectError("kernel_shape", "Conv", 11, attrs(intsAttr("kernel_shape", 2, 2)), 1, x,
                floats(shape(2, 4, 3, 3), new float[72]));
        expectError("unknown auto_pad", "Conv", 11, attrs(stringAttr("auto_pad", "SAME")), 1, x,
                floats(shape(2, 4, 3, 3), new float[72]));
        expectError("rank of X", "Conv", 11, Map.of(), 1, x, floats(shape(2, 4, 3), new float[24]));
    }
}
