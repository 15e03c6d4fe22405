package dev.nnjit.ops.nn;

import static dev.nnjit.ops.math.MathOpTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nnjit.model.Attribute;
import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * MaxPool / AveragePool / LpPool and the global pools against a direct window loop in double. The op reduces in
 * double and rounds once, so float results match the reference to 2e-7 relative.
 */
class PoolOpTest {
    /** Reference pooling; out sizes given; pads = {begin..., end...}. Returns values, and max indices (row-major). */
    static double[][] reference(String op, Tensor x, int[] kern, int[] strides, int[] dil, int[] pads, int[] out,
                                boolean includePad, double p) {
        int[] xs = x.shape();
        int nd = kern.length;
        int[] os = xs.clone();
        System.arraycopy(out, 0, os, 2, nd);
        double[][] r = new double[2][size(os)];
        for (int o = 0; o < r[0].length; o++) {
            int[] oc = coords(o, os);
            double acc = op.equals("MaxPool") ? Double.NEGATIVE_INFINITY : 0;
            int count = 0, padded = 0;
            long arg = -1;
            for (int k = 0; k < size(kern); k++) {
                int[] kc = coords(k, kern);
                int[] xc = oc.clone();
                boolean inside = true, inPadded = true;
                for (int d = 0; d < nd; d++) {
                    xc[d + 2] = oc[d + 2] * strides[d] - pads[d] + kc[d] * dil[d];
                    if (xc[d + 2] < 0 || xc[d + 2] >= xs[d + 2]) inside = false;
                    if (xc[d + 2] < -pads[d] || xc[d + 2] >= xs[d + 2] + pads[d + nd]) inPadded = false;
                }
                if (inPadded) padded++;
                if (!inside) continue;
                int idx = ConvOpTest.flat(xc, xs);
                double v = x.getDouble(idx);
                count++;
                if (op.equals("MaxPool")) {
                    if (v > acc) { acc = v; arg = idx; }
                } else if (op.equals("AveragePool")) {
                    acc += v;
                } else {
                    acc += Math.pow(Math.abs(v), p);
                }
            }
            if (op.equals("AveragePool")) acc /= includePad ? padded : count;
            if (op.equals("LpPool")) acc = Math.pow(acc, 1 / p);
            r[0][o] = acc;
            r[1][o] = arg;
        }
        return r;
    }

    static long[] l(int... v) {
        long[] r = new long[v.length];
        for (int i = 0; i < v.length; i++) r[i] = v[i];
        return r;
    }

    /** Output size by the textbook formulas (floor or ceil, dropping windows that start in the end padding). */
    static int outSize(int in, int k, int s, int d, int pb, int pe, boolean ceil) {
        int span = in + pb + pe - ((k - 1) * d + 1);
        int o = (int) (ceil ? Math.ceil(span / (double) s) : Math.floor(span / (double) s)) + 1;
        if (ceil && (o - 1) * s >= in + pb) o--;
        return o;
    }

    private static void check(String op, Random r, int[] xs, int[] kern, int[] strides, int[] dil, int[] pads,
                              boolean ceil, boolean includePad) {
        int nd = kern.length;
        Tensor x = randFloats(r, -3, 3, xs);
        int[] out = new int[nd];
        for (int d = 0; d < nd; d++) out[d] = outSize(xs[d + 2], kern[d], strides[d], dil[d], pads[d], pads[d + nd], ceil);
        Map<String, Attribute> a = attrs(intsAttr("kernel_shape", l(kern)), intsAttr("strides", l(strides)),
                intsAttr("pads", l(pads)), intAttr("ceil_mode", ceil ? 1 : 0),
                intAttr("count_include_pad", includePad ? 1 : 0));
        if (!op.equals("AveragePool") || dil[0] != 1 || dil[nd - 1] != 1) a.put("dilations", intsAttr("dilations", l(dil)));
        if (!op.equals("AveragePool")) a.remove("count_include_pad");
        Tensor[] y = run(op, 19, a, op.equals("MaxPool") ? 2 : 1, x);
        int[] os = xs.clone();
        System.arraycopy(out, 0, os, 2, nd);
        assertShape(y[0], os);
        double[][] e = reference(op, x, kern, strides, dil, pads, out, includePad, 2);
        assertClose(e[0], y[0], 1e-7, 2e-7);
        if (op.equals("MaxPool")) {
            assertShape(y[1], os);
            assertEquals(DType.INT64, y[1].dtype());
            for (int i = 0; i < e[1].length; i++) assertEquals((long) e[1][i], y[1].longs()[i], "index " + i);
        }
    }

    @Test
    void randomWindows() {
        Random r = new Random(51);
        for (String op : new String[] {"MaxPool", "AveragePool", "LpPool"}) {
            for (boolean ceil : new boolean[] {false, true}) {
                for (boolean inc : new boolean[] {false, true}) {
                    check(op, r, new int[] {2, 3, 7, 8}, new int[] {3, 2}, new int[] {2, 2}, new int[] {1, 1},
                            new int[] {1, 0, 1, 1}, ceil, inc);
                    check(op, r, new int[] {1, 2, 9, 10}, new int[] {3, 3}, new int[] {2, 3}, new int[] {2, 1},
                            new int[] {2, 1, 1, 2}, ceil, inc);
                    check(op, r, new int[] {2, 2, 11}, new int[] {4}, new int[] {3}, new int[] {1}, new int[] {1, 2}, ceil, inc);
                    check(op, r, new int[] {1, 1, 5, 4, 6}, new int[] {2, 2, 3}, new int[] {2, 1, 2}, new int[] {1, 1, 1},
                            new int[] {0, 1, 1, 1, 0, 1}, ceil, inc);
                }
            }
        }
    }

    @Test
    void handComputedCeilMode() {
        float[] v = new float[16];
        for (int i = 0; i < 16; i++) v[i] = i + 1;
        Tensor x = floats(shape(1, 1, 4, 4), v);
        var a = attrs(intsAttr("kernel_shape", 3, 3), intsAttr("strides", 2, 2), intAttr("ceil_mode", 1));
        assertFloatsExact(run1("MaxPool", 12, a, x), 11, 12, 15, 16);
        assertFloatsExact(run1("AveragePool", 12, a, x), 6, 7.5f, 12, 13.5f);
    }

    @Test
    void autoPadAndIntegerAndColumnMajorIndices() {
        Random r = new Random(52);
        Tensor x = randFloats(r, -3, 3, 1, 2, 5, 6);
        // SAME_UPPER, stride 2, kernel 3: out = ceil(5/2)=3, ceil(6/2)=3; pads total (3-1)*2+3-5=2 -> 1|1,
        // and (3-1)*2+3-6=1 -> 0|1. SAME_LOWER puts the odd pad first: 1|0.
        var up = attrs(intsAttr("kernel_shape", 3, 3), intsAttr("strides", 2, 2), stringAttr("auto_pad", "SAME_UPPER"));
        assertClose(reference("AveragePool", x, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1},
                new int[] {1, 0, 1, 1}, new int[] {3, 3}, false, 2)[0], run1("AveragePool", 11, up, x), 1e-7, 2e-7);
        var low = attrs(intsAttr("kernel_shape", 3, 3), intsAttr("strides", 2, 2), stringAttr("auto_pad", "SAME_LOWER"));
        assertClose(reference("MaxPool", x, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1},
                new int[] {1, 1, 1, 0}, new int[] {3, 3}, false, 2)[0], run1("MaxPool", 11, low, x), 0, 0);
        var valid = attrs(intsAttr("kernel_shape", 2, 2), stringAttr("auto_pad", "VALID"));
        assertShape(run1("MaxPool", 11, valid, x), 1, 2, 4, 5);

        Tensor u8 = Tensor.ofLongs(DType.UINT8, shape(1, 1, 2, 3), new long[] {1, 200, 3, 4, 5, 255});
        Tensor m = run1("MaxPool", 12, attrs(intsAttr("kernel_shape", 2, 2)), u8);
        assertEquals(DType.UINT8, m.dtype());
        assertLongs(m, 200, 255);

        // Indices with storage_order=1 are column-major within the (n, c) plane: h + w * H.
        Tensor t = floats(shape(1, 2, 2, 3), 1, 9, 3, 4, 5, 6, /* c1 */ 7, 8, 9, 10, 11, 0);
        Tensor[] rm = run("MaxPool", 12, attrs(intsAttr("kernel_shape", 2, 2)), 2, t);
        assertLongs(rm[1], 1, 1, 10, 10); // 9 at (0,1) twice; 11 at (1,1) of plane 1 = 6 + 4
        Tensor[] cm = run("MaxPool", 12, attrs(intsAttr("kernel_shape", 2, 2), intAttr("storage_order", 1)), 2, t);
        assertLongs(cm[1], 2, 2, 6 + 3, 6 + 3); // (0,1) -> 0 + 1*2; (1,1) -> 1 + 1*2
    }

    @Test
    void globalPools() {
        Random r = new Random(53);
        Tensor x = randFloats(r, -2, 2, 2, 3, 4, 5);
        Tensor avg = run1("GlobalAveragePool", 1, Map.of(), x);
        Tensor max = run1("GlobalMaxPool", 1, Map.of(), x);
        Tensor lp = run1("GlobalLpPool", 2, attrs(intAttr("p", 3)), x);
        assertShape(avg, 2, 3, 1, 1);
        double[] ea = new double[6], em = new double[6], el = new double[6];
        for (int p = 0; p < 6; p++) {
            em[p] = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < 20; i++) {
                double v = x.floats()[p * 20 + i];
                ea[p] += v / 20;
                em[p] = Math.max(em[p], v);
                el[p] += Math.pow(Math.abs(v), 3);
            }
            el[p] = Math.cbrt(el[p]);
        }
        assertClose(ea, avg, 1e-7, 2e-7);
        assertClose(em, max, 0, 0);
        assertClose(el, lp, 1e-7, 2e-7);
        assertShape(run1("GlobalAveragePool", 1, Map.of(), randFloats(r, 0, 1, 1, 2, 3)), 1, 2, 1);
    }

    @Test
    void errors() {
        Tensor x = floats(shape(1, 1, 3, 3), new float[9]);
        expectError("'kernel_shape' is required", "MaxPool", 12, Map.of(), 1, x);
        expectError("kernel_shape must have 2 values", "AveragePool", 11, attrs(intsAttr("kernel_shape", 2)), 1, x);
        expectError("rank >= 3", "MaxPool", 12, attrs(intsAttr("kernel_shape", 2)), 1, floats(shape(3, 3), new float[9]));
        expectError("exceeds padded input size", "MaxPool", 12, attrs(intsAttr("kernel_shape", 4, 4)), 1, x);
        expectError("strides must be positive", "AveragePool", 11,
                attrs(intsAttr("kernel_shape", 2, 2), intsAttr("strides", 0, 1)), 1, x);
        expectError("expected a float type", "AveragePool", 11, attrs(intsAttr("kernel_shape", 2, 2)), 1,
                Tensor.ofLongs(DType.INT32, shape(1, 1, 3, 3), new long[9]));
    }
}
