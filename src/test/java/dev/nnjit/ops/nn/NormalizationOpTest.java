package dev.nnjit.ops.nn;

import static dev.nnjit.ops.math.MathOpTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * LayerNormalization, BatchNormalization (inference and training mode), InstanceNormalization against
 * double-precision references. The ops compute statistics in double and round once: 1e-6 relative / absolute
 * covers the float rounding of outputs of magnitude up to ~10.
 */
class NormalizationOpTest {
    @Test
    void layerNormAllAxesWithBroadcastScale() {
        Random r = new Random(71);
        Tensor x = randFloats(r, -3, 3, 2, 3, 4);
        int[] s = x.shape();
        for (int axis = -3; axis < 3; axis++) {
            int a = (axis + 3) % 3;
            int rows = 1, len = 1;
            for (int i = 0; i < a; i++) rows *= s[i];
            for (int i = a; i < 3; i++) len *= s[i];
            int[] norm = java.util.Arrays.copyOfRange(s, a, 3);
            // Scale of the full normalized shape, B broadcast along the leading normalized dims.
            Tensor scale = randFloats(r, 0.5f, 2, norm);
            int[] bShape = {norm[norm.length - 1]};
            Tensor bias = randFloats(r, -1, 1, bShape);
            float eps = 1e-3f;
            Tensor[] y = run("LayerNormalization", 17, attrs(intAttr("axis", axis), floatAttr("epsilon", eps)), 3,
                    x, scale, bias);
            double[] ey = new double[x.size()], em = new double[rows], ei = new double[rows];
            for (int row = 0; row < rows; row++) {
                double m = 0, v = 0;
                for (int i = 0; i < len; i++) m += x.floats()[row * len + i];
                m /= len;
                for (int i = 0; i < len; i++) v += Math.pow(x.floats()[row * len + i] - m, 2);
                v /= len;
                double inv = 1 / Math.sqrt(v + eps);
                for (int i = 0; i < len; i++) {
                    ey[row * len + i] = (x.floats()[row * len + i] - m) * inv * scale.floats()[i]
                            + bias.floats()[i % bShape[0]];
                }
                em[row] = m;
                ei[row] = inv;
            }
            assertClose(ey, y[0], 1e-6, 1e-6);
            assertClose(em, y[1], 1e-6, 1e-6);
            assertClose(ei, y[2], 1e-6, 1e-6);
            int[] stat = s.clone();
            for (int i = a; i < 3; i++) stat[i] = 1;
            assertShape(y[1], stat);
            assertEquals(DType.FLOAT, y[2].dtype());
        }
        // Without bias, default axis -1 and epsilon 1e-5.
        Tensor y = run1("LayerNormalization", 17, Map.of(), floats(shape(1, 2), 1, 3), floats(shape(2), 1, 1));
        double inv = 1 / Math.sqrt(1 + 1e-5f);
        assertClose(new double[] {-inv, inv}, y, 1e-7, 1e-6);
    }

    @Test
    void layerNormErrors() {
        Tensor x = floats(shape(2, 3), new float[6]);
        expectError("does not broadcast to the normalized dims", "LayerNormalization", 17, Map.of(), 1, x,
                floats(shape(2), 1, 1));
        expectError("out of range", "LayerNormalization", 17, attrs(intAttr("axis", 2)), 1, x, floats(shape(3), 1, 1, 1));
    }

    @Test
    void batchNormInferenceAndTraining() {
        Random r = new Random(72);
        Tensor x = randFloats(r, -3, 3, 2, 3, 2, 5);
        Tensor scale = randFloats(r, 0.5f, 2, 3), b = randFloats(r, -1, 1, 3);
        Tensor mean = randFloats(r, -1, 1, 3), var = randFloats(r, 0.5f, 2, 3);
        float eps = 1e-2f;
        Tensor y = run1("BatchNormalization", 15, attrs(floatAttr("epsilon", eps)), x, scale, b, mean, var);
        double[] e = new double[x.size()];
        for (int i = 0; i < e.length; i++) {
            int c = (i / 10) % 3;
            e[i] = (x.floats()[i] - mean.floats()[c]) / Math.sqrt(var.floats()[c] + eps) * scale.floats()[c] + b.floats()[c];
        }
        assertClose(e, y, 1e-6, 1e-6);
        assertClose(e, run1("BatchNormalization", 7, attrs(floatAttr("epsilon", eps)), x, scale, b, mean, var), 1e-6, 1e-6);

        Tensor[] t = run("BatchNormalization", 15, attrs(intAttr("training_mode", 1), floatAttr("momentum", 0.8f)), 3,
                x, scale, b, mean, var);
        double[] bm = new double[3], bv = new double[3];
        for (int i = 0; i < x.size(); i++) bm[(i / 10) % 3] += x.floats()[i] / 20.0;
        for (int i = 0; i < x.size(); i++) bv[(i / 10) % 3] += Math.pow(x.floats()[i] - bm[(i / 10) % 3], 2) / 20.0;
        for (int i = 0; i < e.length; i++) {
            int c = (i / 10) % 3;
            e[i] = (x.floats()[i] - bm[c]) / Math.sqrt(bv[c] + 1e-5f) * scale.floats()[c] + b.floats()[c];
        }
        assertClose(e, t[0], 1e-6, 1e-6);
        double[] rm = new double[3], rv = new double[3];
        for (int c = 0; c < 3; c++) {
            rm[c] = mean.floats()[c] * 0.8f + bm[c] * (1 - 0.8f);
            rv[c] = var.floats()[c] * 0.8f + bv[c] * (1 - 0.8f);
        }
        assertClose(rm, t[1], 1e-6, 1e-6);
        assertClose(rv, t[2], 1e-6, 1e-6);
    }

    @Test
    void batchNormErrors() {
        Tensor x = floats(shape(1, 2, 2), new float[4]);
        Tensor v2 = floats(shape(2), 1, 1), v3 = floats(shape(3), 1, 1, 1);
        expectError("input_var must have shape [2]", "BatchNormalization", 15, Map.of(), 1, x, v2, v2, v2, v3);
        expectError("training mode", "BatchNormalization", 9, Map.of(), 5, x, v2, v2, v2, v2);
        expectError("spatial=0", "BatchNormalization", 7, attrs(intAttr("spatial", 0)), 1, x, v2, v2, v2, v2);
    }

    @Test
    void instanceNorm() {
        Random r = new Random(73);
        Tensor x = randFloats(r, -3, 3, 2, 3, 4, 2);
        Tensor scale = randFloats(r, 0.5f, 2, 3), b = randFloats(r, -1, 1, 3);
        Tensor y = run1("InstanceNormalization", 6, attrs(floatAttr("epsilon", 1e-3f)), x, scale, b);
        double[] e = new double[x.size()];
        for (int p = 0; p < 6; p++) {
            double m = 0, v = 0;
            for (int i = 0; i < 8; i++) m += x.floats()[p * 8 + i] / 8.0;
            for (int i = 0; i < 8; i++) v += Math.pow(x.floats()[p * 8 + i] - m, 2) / 8.0;
            for (int i = 0; i < 8; i++) {
                e[p * 8 + i] = (x.floats()[p * 8 + i] - m) / Math.sqrt(v + 1e-3f) * scale.floats()[p % 3] + b.floats()[p % 3];
            }
        }
        assertClose(e, y, 1e-6, 1e-6);
        expectError("scale must have shape [3]", "InstanceNormalization", 6, Map.of(), 1, x, floats(shape(2), 1, 1), b);
    }
}
