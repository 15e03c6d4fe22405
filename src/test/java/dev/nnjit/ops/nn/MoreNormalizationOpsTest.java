package dev.nnjit.ops.nn;

import static dev.nnjit.ops.math.MathOpTestSupport.*;

import dev.nnjit.tensor.Tensor;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** LRN, MeanVarianceNormalization, LpNormalization, GroupNormalization against double references (1e-6). */
class MoreNormalizationOpsTest {
    @Test
    void lrn() {
        Random r = new Random(101);
        Tensor x = randFloats(r, -2, 2, 2, 5, 3);
        int size = 4;
        double alpha = 0.01f, beta = 0.6f, bias = 2f;
        Tensor y = run1("LRN", 13, attrs(intAttr("size", size), floatAttr("alpha", 0.01f), floatAttr("beta", 0.6f),
                floatAttr("bias", 2f)), x);
        double[] e = new double[x.size()];
        for (int n = 0; n < 2; n++) for (int c = 0; c < 5; c++) for (int i = 0; i < 3; i++) {
            double sq = 0;
            for (int k = c - 1; k <= c + 2; k++) { // floor((4-1)/2) = 1 before, ceil((4-1)/2) = 2 after
                if (k < 0 || k >= 5) continue;
                double v = x.floats()[(n * 5 + k) * 3 + i];
                sq += v * v;
            }
            int idx = (n * 5 + c) * 3 + i;
            e[idx] = x.floats()[idx] / Math.pow(bias + alpha / size * sq, beta);
        }
        assertClose(e, y, 1e-6, 1e-6);
        expectError("'size' is required", "LRN", 13, Map.of(), 1, x);
    }

    @Test
    void meanVarianceNormalization() {
        Random r = new Random(102);
        Tensor x = randFloats(r, -2, 2, 2, 3, 2, 2);
        Tensor y = run1("MeanVarianceNormalization", 13, Map.of(), x); // axes [0, 2, 3]: statistics per channel
        double[] e = new double[x.size()];
        for (int c = 0; c < 3; c++) {
            double s = 0, sq = 0;
            for (int n = 0; n < 2; n++) for (int i = 0; i < 4; i++) {
                double v = x.floats()[(n * 3 + c) * 4 + i];
                s += v;
                sq += v * v;
            }
            double mean = s / 8, std = Math.sqrt(sq / 8 - mean * mean);
            for (int n = 0; n < 2; n++) for (int i = 0; i < 4; i++) {
                int idx = (n * 3 + c) * 4 + i;
                e[idx] = (x.floats()[idx] - mean) / (std + 1e-9);
            }
        }
        assertClose(e, y, 1e-6, 1e-6);
    }

    @Test
    void lpNormalization() {
        Tensor x = floats(shape(2, 2), 3, 4, 0, 0);
        assertClose(new double[] {0.6, 0.8, 0, 0}, run1("LpNormalization", 1, Map.of(), x), 1e-7, 1e-7);
        assertClose(new double[] {1, 1, 0, 0}, run1("LpNormalization", 1, attrs(intAttr("axis", 0), intAttr("p", 1)), x),
                1e-7, 1e-7);
        expectError("p must be 1 or 2", "LpNormalization", 1, attrs(intAttr("p", 3)), 1, x);
    }

    @Test
    void groupNormalizationBothScaleLayouts() {
        Random r = new Random(103);
        Tensor x = randFloats(r, -2, 2, 2, 4, 3);
        for (int opset : new int[] {18, 21}) {
            int params = opset >= 21 ? 4 : 2;
            Tensor scale = randFloats(r, 0.5f, 2, params), bias = randFloats(r, -1, 1, params);
            Tensor y = run1("GroupNormalization", opset, attrs(intAttr("num_groups", 2), floatAttr("epsilon", 1e-3f)),
                    x, scale, bias);
            double[] e = new double[x.size()];
            for (int n = 0; n < 2; n++) for (int g = 0; g < 2; g++) {
                double m = 0, v = 0;
                for (int i = 0; i < 6; i++) m += x.floats()[(n * 4 + g * 2) * 3 + i] / 6.0;
                for (int i = 0; i < 6; i++) v += Math.pow(x.floats()[(n * 4 + g * 2) * 3 + i] - m, 2) / 6.0;
                for (int i = 0; i < 6; i++) {
                    int idx = (n * 4 + g * 2) * 3 + i, p = params == 4 ? g * 2 + i / 3 : g;
                    e[idx] = (x.floats()[idx] - m) / Math.sqrt(v + 1e-3f) * scale.floats()[p] + bias.floats()[p];
                }
            }
            assertClose(e, y, 1e-6, 1e-6);
        }
        expectError("not divisible by num_groups", "GroupNormalization", 18, attrs(intAttr("num_groups", 3)), 1, x,
                floats(shape(3), 1, 1, 1), floats(shape(3), 0, 0, 0));
    }
}
