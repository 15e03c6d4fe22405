package dev.nnjit.ops.tensor;

import static dev.nnjit.ops.tensor.TensorOpTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SliceTest {
    /** x[i][j] = 10i + j, shape [3, 4]. */
    private static final Tensor X = longs(sh(3, 4), 0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23);

    @Test void basicSliceInputsForm() {
        assertLongs(sh(2, 2), new long[] {1, 2, 11, 12}, run("Slice", 13, none(), X, vec(0, 1), vec(2, 3)));
        assertLongs(sh(2, 2), new long[] {1, 2, 11, 12}, run("Slice", 10, none(), X, vec(1, 0), vec(3, 2), vec(1, 0)));
        // Default axes and default steps.
        assertLongs(sh(1, 4), new long[] {10, 11, 12, 13}, run("Slice", 13, none(), X, vec(1), vec(2)));
        assertLongs(sh(3, 2), new long[] {1, 3, 11, 13, 21, 23}, run("Slice", 13, none(), X, vec(1), vec(4), vec(1), vec(2)));
    }

    @Test void attributeFormBeforeOpset10() {
        assertLongs(sh(2, 2), new long[] {1, 2, 11, 12}, run("Slice", 1, attrs(ints("starts", 0, 1), ints("ends", 2, 3)), X));
        assertLongs(sh(3, 1), new long[] {3, 13, 23}, run("Slice", 9, attrs(ints("starts", -1), ints("ends", 100), ints("axes", 1)), X));
    }

    @Test void negativeStartsEndsAxesAndClamping() {
        assertLongs(sh(3, 3), new long[] {0, 1, 2, 10, 11, 12, 20, 21, 22}, run("Slice", 13, none(), X, vec(0), vec(-1), vec(-1)));
        assertLongs(sh(2, 4), new long[] {10, 11, 12, 13, 20, 21, 22, 23}, run("Slice", 13, none(), X, vec(-2), vec(Long.MAX_VALUE)));
        assertLongs(sh(3, 4), X.longs(), run("Slice", 13, none(), X, vec(-100), vec(100)));
        // Start past the end: empty.
        assertArrayEquals(sh(3, 0), run("Slice", 13, none(), X, vec(1000), vec(1000), vec(1)).shape());
        assertArrayEquals(sh(0, 4), run("Slice", 13, none(), X, vec(2), vec(1)).shape());
        // INT32 starts/ends as PyTorch sometimes exports.
        assertLongs(sh(1, 4), new long[] {20, 21, 22, 23},
                run("Slice", 13, none(), X, tensor(DType.INT32, sh(1), -1), tensor(DType.INT32, sh(1), Integer.MAX_VALUE)));
    }

    @Test void negativeSteps() {
        // Reverse everything: x[::-1, ::-1] with INT_MIN-style ends.
        assertLongs(sh(3, 4), new long[] {23, 22, 21, 20, 13, 12, 11, 10, 3, 2, 1, 0},
                run("Slice", 13, none(), X, vec(-1, -1), vec(Long.MIN_VALUE, Long.MIN_VALUE), vec(0, 1), vec(-1, -1)));
        // x[:, 3:0:-2] = columns 3, 1.
        assertLongs(sh(3, 2), new long[] {3, 1, 13, 11, 23, 21}, run("Slice", 13, none(), X, vec(3), vec(0), vec(1), vec(-2)));
        // Start beyond the end clamps to dim-1: x[10::-1] on axis 0 = rows 2, 1, 0.
        assertArrayEquals(sh(3, 4), run("Slice", 13, none(), X, vec(10), vec(-10), vec(0), vec(-1)).shape());
        assertArrayEquals(sh(0, 4), run("Slice", 13, none(), X, vec(0), vec(2), vec(0), vec(-1)).shape());
        // Spec clamping: a negative step clamps a too-small start to 0 (Python slicing would give nothing).
        assertLongs(sh(3, 1), new long[] {0, 10, 20}, run("Slice", 13, none(), X, vec(-10), vec(-10), vec(1), vec(-1)));
        // Empty axis with a negative step.
        assertArrayEquals(sh(0), run("Slice", 13, none(), longs(sh(0)), vec(-1), vec(Long.MIN_VALUE), vec(0), vec(-1)).shape());
    }

    @ParameterizedTest @EnumSource(value = DType.class, names = {"FLOAT", "FLOAT16", "INT64", "INT32", "UINT8", "BOOL"})
    void randomSlicesMatchPythonSemantics(DType dt) {
        Random rnd = new Random(31 + dt.ordinal());
        long[] specials = {Long.MAX_VALUE, Long.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE};
        for (int trial = 0; trial < 60; trial++) {
            int rank = 1 + rnd.nextInt(4);
            int[] shape = new int[rank];
            for (int k = 0; k < rank; k++) shape[k] = rnd.nextInt(6);
            Tensor x = random(dt, shape, rnd);
            List<Integer> axes = new ArrayList<>();
            for (int k = 0; k < rank; k++) if (rnd.nextBoolean()) axes.add(k);
            if (axes.isEmpty()) axes.add(0);
            int n = axes.size();
            long[] st = new long[n], en = new long[n], ax = new long[n], sp = new long[n];
            List<List<Integer>> picked = new ArrayList<>();
            for (int k = 0; k < rank; k++) picked.add(range(0, shape[k], 1, shape[k]));
            for (int k = 0; k < n; k++) {
                int a = axes.get(k);
                ax[k] = rnd.nextBoolean() ? a : a - rank;
                st[k] = rnd.nextInt(10) == 0 ? specials[rnd.nextInt(4)] : rnd.nextInt(17) - 8;
                en[k] = rnd.nextInt(5) == 0 ? specials[rnd.nextInt(4)] : rnd.nextInt(17) - 8;
                sp[k] = (rnd.nextInt(3) + 1) * (rnd.nextBoolean() ? 1 : -1);
                picked.set(a, range(st[k], en[k], sp[k], shape[a]));
            }
            int[] outShape = new int[rank];
            for (int k = 0; k < rank; k++) outShape[k] = picked.get(k).size();
            Tensor expected = build(dt, outShape, flat -> {
                int[] c = unravel(flat, outShape);
                int[] ic = new int[rank];
                for (int k = 0; k < rank; k++) ic[k] = picked.get(k).get(c[k]);
                return get(x, ravel(ic, shape));
            });
            Tensor y = rnd.nextBoolean() && allOnes(sp)
                    ? run("Slice", 13, none(), x, vec(st), vec(en), vec(ax))
                    : run("Slice", 13, none(), x, vec(st), vec(en), vec(ax), vec(sp));
            assertTensor(expected, y);
        }
    }

    private static boolean allOnes(long[] v) {
        for (long x : v) if (x != 1) return false;
        return true;
    }

    /**
     * The indices start:stop:step walks on an axis of size n, enumerated one by one, with the ONNX spec's clamping:
     * like Python's slice.indices except that a negative step clamps a too-small start to 0 (Python: -1, empty).
     */
    static List<Integer> range(long start, long stop, long step, int n) {
        List<Integer> r = new ArrayList<>();
        if (n == 0) return r;
        if (start < 0) start += n;
        if (stop < 0) stop += n;
        if (step > 0) {
            start = Math.max(0, Math.min(start, n));
            stop = Math.max(0, Math.min(stop, n));
        } else {
            start = Math.max(0, Math.min(start, n - 1));
            stop = Math.max(-1, Math.min(stop, n - 1));
        }
        for (long i = start; step > 0 ? i < stop : i > stop; i += step) r.add((int) i);
        return r;
    }

    @Test void errors() {
        assertOpError("step cannot be 0", () -> run("Slice", 13, none(), X, vec(0), vec(1), vec(0), vec(0)));
        assertOpError("same length", () -> run("Slice", 13, none(), X, vec(0, 0), vec(1)));
        assertOpError("out of range", () -> run("Slice", 13, none(), X, vec(0), vec(1), vec(2)));
        assertOpError("repeated", () -> run("Slice", 13, none(), X, vec(0, 0), vec(1, 1), vec(1, -1)));
        assertOpError("3 starts", () -> run("Slice", 13, none(), X, vec(0, 0, 0), vec(1, 1, 1)));
        assertOpError("required", () -> run("Slice", 9, attrs(ints("starts", 0)), X));
    }

    @Test void typeRule() {
        TensorType in = type(DType.FLOAT, sym("b"), sym("s"), d(768));
        TensorType i1 = type(DType.INT64, 1);
        // Known values on a known axis; symbols elsewhere kept.
        assertEquals(type(DType.FLOAT, sym("b"), sym("s"), d(256)),
                infer1("Slice", 13, none(), types(in, i1, i1, i1), null, vec(0), vec(256), vec(-1)));
        // x[:, 0:] on a symbolic axis keeps the symbol; x[:, 1:] does not.
        assertEquals(type(DType.FLOAT, sym("b"), sym("s"), d(768)),
                infer1("Slice", 13, none(), types(in, i1, i1, i1, i1), null, vec(0), vec(Long.MAX_VALUE), vec(1), vec(1)));
        assertEquals(type(DType.FLOAT, sym("b"), unk(), d(768)),
                infer1("Slice", 13, none(), types(in, i1, i1, i1), null, vec(1), vec(Long.MAX_VALUE), vec(1)));
        // Unknown starts with known axes: only the sliced axis becomes unknown.
        assertEquals(type(DType.FLOAT, sym("b"), sym("s"), unk()),
                infer1("Slice", 13, none(), types(in, i1, i1, i1), null, null, null, vec(2)));
        // Unknown axes: every dim may change.
        assertEquals(type(DType.FLOAT, unk(), unk(), unk()), infer1("Slice", 13, none(), types(in, i1, i1, i1)));
        // No axes, starts of known length 1: only axis 0 changes.
        assertEquals(type(DType.FLOAT, unk(), sym("s"), d(768)), infer1("Slice", 13, none(), types(in, i1, i1)));
        assertEquals(unranked(DType.FLOAT), infer1("Slice", 13, none(), types(unranked(DType.FLOAT), i1, i1)));
    }
}
