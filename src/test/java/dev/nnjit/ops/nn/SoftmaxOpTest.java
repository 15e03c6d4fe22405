package dev.nnjit.ops.nn;

import static dev.nnjit.ops.math.MathOpTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.tensor.Tensor;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Softmax, LogSoftmax, Hardmax in both opset forms. Reference: for each slice, exp(x - max) / sum in double; the op
 * rounds once to float, hence 2e-7 relative tolerance (plus 1e-7 absolute for log-probabilities near 0).
 */
class SoftmaxOpTest {
    /** Reference over slices: outer x len x inner layout. */
    static double[] reference(String op, float[] x, int outer, int len, int inner) {
        double[] y = new double[x.length];
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                double max = Double.NEGATIVE_INFINITY, sum = 0;
                int arg = 0;
                for (int k = 0; k < len; k++) {
                    double v = x[(o * len + k) * inner + in];
                    if (v > max) { max = v; arg = k; }
                }
                for (int k = 0; k < len; k++) sum += Math.exp(x[(o * len + k) * inner + in] - max);
                for (int k = 0; k < len; k++) {
                    int i = (o * len + k) * inner + in;
                    y[i] = op.equals("Softmax") ? Math.exp(x[i] - max) / sum
                            : op.equals("LogSoftmax") ? x[i] - max - Math.log(sum) : (k == arg ? 1 : 0);
                }
            }
        }
        return y;
    }

    @Test
    void singleAxisFromOpset13() {
        Random r = new Random(61);
        Tensor x = randFloats(r, -5, 5, 2, 3, 4);
        int[] s = x.shape();
        for (String op : new String[] {"Softmax", "LogSoftmax", "Hardmax"}) {
            for (int axis = -3; axis < 3; axis++) {
                int a = (axis + 3) % 3;
                int outer = 1, inner = 1;
                for (int i = 0; i < a; i++) outer *= s[i];
                for (int i = a + 1; i < 3; i++) inner *= s[i];
                Tensor y = run1(op, 13, attrs(intAttr("axis", axis)), x);
                assertShape(y, 2, 3, 4);
                assertClose(reference(op, x.floats(), outer, s[a], inner), y, 1e-7, 2e-7);
            }
            // default axis -1
            assertClose(reference(op, x.floats(), 6, 4, 1), run1(op, 13, Map.of(), x), 1e-7, 2e-7);
        }
    }

    @Test
    void coercedTo2DBeforeOpset13() {
        Random r = new Random(62);
        Tensor x = randFloats(r, -5, 5, 2, 3, 4);
        for (String op : new String[] {"Softmax", "LogSoftmax", "Hardmax"}) {
            // axis 1 (the default): rows of 3*4 elements
            assertClose(reference(op, x.floats(), 2, 12, 1), run1(op, 11, Map.of(), x), 1e-7, 2e-7);
            assertClose(reference(op, x.floats(), 1, 24, 1), run1(op, 11, attrs(intAttr("axis", 0)), x), 1e-7, 2e-7);
            assertClose(reference(op, x.floats(), 6, 4, 1), run1(op, 1, attrs(intAttr("axis", -1)), x), 1e-7, 2e-7);
        }
    }

    @Test
    void largeValuesAndTies() {
        Tensor x = floats(shape(1, 3), 1000f, 1000f, 1000f);
        assertClose(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, run1("Softmax", 13, Map.of(), x), 0, 2e-7);
        assertClose(new double[] {-Math.log(3), -Math.log(3), -Math.log(3)}, run1("LogSoftmax", 13, Map.of(), x), 0, 2e-7);
        assertFloatsExact(run1("Hardmax", 13, Map.of(), x), 1, 0, 0); // first maximum wins
        float[] y = run1("Softmax", 13, Map.of(), floats(shape(2), 0f, Float.NEGATIVE_INFINITY)).floats();
        assertTrue(y[0] == 1f && y[1] == 0f);
    }

    @Test
    void errors() {
        expectError("out of range", "Softmax", 13, attrs(intAttr("axis", 3)), 1, floats(shape(1, 2, 3), new float[6]));
        expectError("expected a float type", "LogSoftmax", 13, Map.of(), 1, longs(shape(2), 1, 2));
    }
}
