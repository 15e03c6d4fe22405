package dev.nnjit.ops.math;

import static dev.nnjit.ops.math.MathOpTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Min, Max, Sum, Mean (variadic with broadcasting), Clip (both opset forms), Where. */
class VariadicClipWhereTest {
    @Test
    void variadicBroadcastsAllInputs() {
        Random r = new Random(3);
        int[][] shapes = {{2, 1, 4}, {3, 1}, {4}, {}};
        Tensor[] in = new Tensor[shapes.length];
        for (int k = 0; k < in.length; k++) in[k] = randFloats(r, -5, 5, shapes[k]);
        int[] out = broadcastShape(shapes);
        for (String op : new String[] {"Min", "Max", "Sum", "Mean"}) {
            Tensor y = run1(op, 13, Map.of(), in);
            assertShape(y, out);
            double[] e = new double[size(out)];
            for (int i = 0; i < e.length; i++) {
                int[] c = coords(i, out);
                float acc = in[0].floats()[broadcastIndex(shapes[0], c)];
                for (int k = 1; k < in.length; k++) {
                    float v = in[k].floats()[broadcastIndex(shapes[k], c)];
                    acc = op.equals("Min") ? Math.min(acc, v) : op.equals("Max") ? Math.max(acc, v) : acc + v;
                }
                e[i] = op.equals("Mean") ? acc / in.length : acc;
            }
            assertClose(e, y, 0, 0); // same float operations in the same order
        }
    }

    @Test
    void singleInputAndIntegersAndNaN() {
        assertFloatsExact(run1("Sum", 13, Map.of(), floats(shape(2), 1f, 2f)), 1f, 2f);
        Tensor i = run1("Max", 13, Map.of(), Tensor.ofLongs(DType.INT32, shape(3), new long[] {1, -5, 3}),
                Tensor.ofLongs(DType.INT32, shape(1), new long[] {0}));
        assertEquals(DType.INT32, i.dtype());
        assertLongs(i, 1, 0, 3);
        Tensor n = run1("Min", 13, Map.of(), floats(shape(2), Float.NaN, 1f), floats(shape(2), 0f, Float.NaN));
        assertTrue(Float.isNaN(n.floats()[0]) && Float.isNaN(n.floats()[1]), "NaN propagates");
        expectError("expected a float type", "Mean", 13, Map.of(), 1, longs(shape(1), 1), longs(shape(1), 2));
        expectError("cannot be broadcast", "Max", 13, Map.of(), 1, floats(shape(2), 1, 2), floats(shape(3), 1, 2, 3));
    }

    @Test
    void clipWithInputsAndAttributes() {
        Tensor x = floats(shape(5), -3f, -1f, 0f, 2f, Float.NaN);
        // opset >= 11: bounds are optional scalar inputs
        Tensor y = run1("Clip", 13, Map.of(), x, Tensor.scalar(-1.5f), Tensor.scalar(1f));
        assertFloatsExact(y, -1.5f, -1f, 0f, 1f, Float.NaN);
        assertFloatsExact(run1("Clip", 13, Map.of(), x, null, Tensor.scalar(0f)), -3f, -1f, 0f, 0f, Float.NaN);
        assertFloatsExact(run1("Clip", 13, Map.of(), x), -3f, -1f, 0f, 2f, Float.NaN);
        // min > max: everything becomes max
        assertFloatsExact(run1("Clip", 13, Map.of(), x, Tensor.scalar(2f), Tensor.scalar(1f)), 1f, 1f, 1f, 1f, Float.NaN);
        // opset < 11: attributes
        assertFloatsExact(run1("Clip", 6, attrs(floatAttr("min", -1f), floatAttr("max", 0.5f)), x),
                -1f, -1f, 0f, 0.5f, Float.NaN);
        // integers (opset 12+)
        Tensor i8 = Tensor.ofLongs(DType.INT8, shape(3), new long[] {-100, 5, 100});
        Tensor c = run1("Clip", 13, Map.of(), i8, Tensor.ofLongs(DType.INT8, shape(), new long[] {-10}), null);
        assertEquals(DType.INT8, c.dtype());
        assertLongs(c, -10, 5, 100);
        expectError("must be a scalar", "Clip", 13, Map.of(), 1, x, floats(shape(2), 0, 1));
        expectError("same type", "Clip", 13, Map.of(), 1, x, longs(shape(), 0));
    }

    @Test
    void whereBroadcastsThreeWays() {
        Random r = new Random(9);
        int[] sc = {2, 1, 3}, sx = {4, 1}, sy = {3};
        Tensor cond = Tensor.ofBools(sc, new boolean[] {true, false, true, false, false, true});
        Tensor x = randFloats(r, -1, 1, sx), y = randFloats(r, -1, 1, sy);
        Tensor out = run1("Where", 16, Map.of(), cond, x, y);
        int[] s = broadcastShape(sc, sx, sy);
        assertShape(out, s);
        double[] e = new double[size(s)];
        for (int i = 0; i < e.length; i++) {
            int[] c = coords(i, s);
            e[i] = cond.bools()[broadcastIndex(sc, c)] ? x.floats()[broadcastIndex(sx, c)] : y.floats()[broadcastIndex(sy, c)];
        }
        assertClose(e, out, 0, 0);
        Tensor l = run1("Where", 16, Map.of(), bools(shape(2), true, false), longs(shape(2), 1, 2), longs(shape(), 9));
        assertLongs(l, 1, 9);
        Tensor b = run1("Where", 16, Map.of(), bools(shape(2), true, false), bools(shape(1), true), bools(shape(1), false));
        assertBools(b, true, false);
        expectError("expected bool", "Where", 16, Map.of(), 1, floats(shape(1), 1), floats(shape(1), 1), floats(shape(1), 1));
        expectError("same type", "Where", 16, Map.of(), 1, bools(shape(1), true), floats(shape(1), 1), longs(shape(1), 1));
        expectError("cannot be broadcast", "Where", 16, Map.of(), 1, bools(shape(2), true, true), floats(shape(3), 1, 2, 3),
                floats(shape(1), 1));
    }
}
