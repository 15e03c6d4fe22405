package dev.nnjit.ops.nn;

import static dev.nnjit.ops.math.MathOpTestSupport.*;

import dev.nnjit.model.Attribute;
import dev.nnjit.tensor.Tensor;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * ConvTranspose against a direct scatter loop in double. Inputs in [-1, 1] and at most ~40 products per output:
 * float error stays below 1e-5 absolute, the tolerance used.
 */
class ConvTransposeOpTest {
    /** Y[n, g*mg+m, i*s + k*d - padBegin] += X[n, g*cg+c, i] * W[g*cg+c, m, k]. */
    static double[] reference(Tensor x, Tensor w, Tensor b, int group, int[] strides, int[] dil, int[] padBegin,
                              int[] outSp) {
        int[] xs = x.shape(), ws = w.shape();
        int nd = xs.length - 2, n = xs[0], c = xs[1], cg = c / group, mg = ws[1], m = mg * group;
        int[] kern = java.util.Arrays.copyOfRange(ws, 2, ws.length);
        int[] outShape = new int[xs.length];
        outShape[0] = n;
        outShape[1] = m;
        System.arraycopy(outSp, 0, outShape, 2, nd);
        double[] y = new double[size(outShape)];
        for (int i = 0; i < x.size(); i++) {
            int[] xc = coords(i, xs);
            int grp = xc[1] / cg;
            for (int mm = 0; mm < mg; mm++) {
                for (int k = 0; k < size(kern); k++) {
                    int[] kc = coords(k, kern);
                    int[] yc = new int[xs.length];
                    yc[0] = xc[0];
                    yc[1] = grp * mg + mm;
                    boolean inside = true;
                    for (int d = 0; d < nd; d++) {
                        yc[d + 2] = xc[d + 2] * strides[d] + kc[d] * dil[d] - padBegin[d];
                        if (yc[d + 2] < 0 || yc[d + 2] >= outSp[d]) inside = false;
                    }
                    if (!inside) continue;
                    int[] wc = new int[ws.length];
                    wc[0] = xc[1];
                    wc[1] = mm;
                    System.arraycopy(kc, 0, wc, 2, nd);
                    y[ConvOpTest.flat(yc, outShape)] += (double) x.floats()[i] * w.floats()[ConvOpTest.flat(wc, ws)];
                }
            }
        }
        if (b != null) {
            int per = size(outSp);
            for (int i = 0; i < y.length; i++) y[i] += b.floats()[(i / per) % m];
        }
        return y;
    }

    private static Tensor[] inputs(Random r, int[] xs, int mg, int group, int[] kern, boolean bias) {
        int[] ws = new int[kern.length + 2];
        ws[0] = xs[1];
        ws[1] = mg;
        System.arraycopy(kern, 0, ws, 2, kern.length);
        Tensor x = randFloats(r, -1, 1, xs), w = randFloats(r, -1, 1, ws);
        return bias ? new Tensor[] {x, w, randFloats(r, -1, 1, mg * group)} : new Tensor[] {x, w};
    }

    private static void check(Map<String, Attribute> a, Tensor[] in, int group, int[] strides, int[] dil, int[] padBegin,
                              int[] outSp) {
        Tensor y = run1("ConvTranspose", 11, a, in);
        int[] outShape = new int[outSp.length + 2];
        outShape[0] = in[0].dim(0);
        outShape[1] = in[1].dim(1) * group;
        System.arraycopy(outSp, 0, outShape, 2, outSp.length);
        assertShape(y, outShape);
        assertClose(reference(in[0], in[1], in.length > 2 ? in[2] : null, group, strides, dil, padBegin, outSp), y, 1e-5, 0);
    }

    @Test
    void explicitPadsStridesDilationsGroups() {
        Random r = new Random(41);
        // out = s*(in-1) + output_padding + (k-1)*d + 1 - padBegin - padEnd
        Tensor[] in = inputs(r, new int[] {2, 4, 3, 4}, 3, 2, new int[] {3, 2}, true);
        check(attrs(intAttr("group", 2), intsAttr("strides", 2, 3), intsAttr("dilations", 1, 2),
                intsAttr("pads", 1, 0, 0, 2), intsAttr("output_padding", 1, 0)), in, 2,
                new int[] {2, 3}, new int[] {1, 2}, new int[] {1, 0}, new int[] {2 * 2 + 1 + 3 - 1, 3 * 3 + 3 - 2});
        Tensor[] in1 = inputs(r, new int[] {1, 2, 5}, 2, 1, new int[] {3}, false);
        check(attrs(intsAttr("strides", 2)), in1, 1, new int[] {2}, new int[] {1}, new int[] {0}, new int[] {11});
        Tensor[] in3 = inputs(r, new int[] {1, 1, 2, 3, 2}, 2, 1, new int[] {2, 2, 2}, true);
        check(Map.of(), in3, 1, new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 0, 0}, new int[] {3, 4, 3});
        Tensor[] big = inputs(r, new int[] {1, 2, 40, 30}, 1, 1, new int[] {2, 2}, false); // 1200 inputs: two tiles
        check(attrs(intsAttr("strides", 2, 2)), big, 1, new int[] {2, 2}, new int[] {1, 1}, new int[] {0, 0},
                new int[] {80, 60});
    }

    @Test
    void outputShapeAndAutoPadDerivePads() {
        Random r = new Random(42);
        Tensor[] in = inputs(r, new int[] {1, 1, 3, 3}, 2, 1, new int[] {3, 3}, false);
        // output_shape [10, 8] with strides [3, 2]: the unpadded result is 9 x 7, so total padding is negative
        // and the extra row and column are zeros at the end (padBegin 0).
        check(attrs(intsAttr("strides", 3, 2), intsAttr("output_shape", 10, 8)), in, 1, new int[] {3, 2},
                new int[] {1, 1}, new int[] {0, 0}, new int[] {10, 8});
        // output_shape [7, 6]: totals 9-7 = 2 and 7-6 = 1; NOTSET puts the odd element first: padBegin {1, 1}.
        check(attrs(intsAttr("strides", 3, 2), intsAttr("output_shape", 1, 2, 7, 6)), in, 1, new int[] {3, 2},
                new int[] {1, 1}, new int[] {1, 1}, new int[] {7, 6});
        // SAME_UPPER: out = in * stride = 6; total = 2*2 + 3 - 6 = 1; padBegin = 0. SAME_LOWER: padBegin = 1.
        check(attrs(intsAttr("strides", 2, 2), stringAttr("auto_pad", "SAME_UPPER")), in, 1, new int[] {2, 2},
                new int[] {1, 1}, new int[] {0, 0}, new int[] {6, 6});
        check(attrs(intsAttr("strides", 2, 2), stringAttr("auto_pad", "SAME_LOWER")), in, 1, new int[] {2, 2},
                new int[] {1, 1}, new int[] {1, 1}, new int[] {6, 6});
    }

    @Test
    void handComputedOnnxExample() {
        float[] x = new float[9];
        for (int i = 0; i < 9; i++) x[i] = i;
        float[] ones = new float[18];
        java.util.Arrays.fill(ones, 1f);
        Tensor y = run1("ConvTranspose", 11, Map.of(), floats(shape(1, 1, 3, 3), x), floats(shape(1, 2, 3, 3), ones));
        float[] plane = {0, 1, 3, 3, 2, 3, 8, 15, 12, 7, 9, 21, 36, 27, 15, 9, 20, 33, 24, 13, 6, 13, 21, 15, 8};
        float[] both = new float[50];
        System.arraycopy(plane, 0, both, 0, 25);
        System.arraycopy(plane, 0, both, 25, 25);
        assertShape(y, 1, 2, 5, 5);
        assertFloatsExact(y, both);
    }

    @Test
    void errors() {
        Tensor x = floats(shape(1, 2, 3, 3), new float[18]);
        expectError("X has 2 channels", "ConvTranspose", 11, Map.of(), 1, x, floats(shape(3, 1, 2, 2), new float[12]));
        expectError("not divisible by group", "ConvTranspose", 11, attrs(intAttr("group", 3)), 1,
                floats(shape(1, 2, 3, 3), new float[18]), floats(shape(2, 1, 2, 2), new float[8]));
        expectError("negative", "ConvTranspose", 11, attrs(intsAttr("pads", 3, 3, 3, 3)), 1, x,
                floats(shape(2, 1, 2, 2), new float[8]));
        expectError("output_shape", "ConvTranspose", 11, attrs(intsAttr("output_shape", 5)), 1, x,
                floats(shape(2, 1, 2, 2), new float[8]));
    }
}
