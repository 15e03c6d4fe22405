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

/** Gather, GatherElements, GatherND. */
class GatherTest {
    /** x[i][j] = 10i + j, shape [3, 4]. */
    private static final Tensor X = longs(sh(3, 4), 0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23);

    // ---- Gather ----

    @Test void gatherRowsAndColumns() {
        assertLongs(sh(2, 4), new long[] {20, 21, 22, 23, 0, 1, 2, 3}, run("Gather", 13, none(), X, vec(2, 0)));
        assertLongs(sh(3, 2), new long[] {3, 1, 13, 11, 23, 21}, run("Gather", 13, attrs(i("axis", 1)), X, vec(3, 1)));
        assertLongs(sh(3, 2), new long[] {3, 1, 13, 11, 23, 21}, run("Gather", 13, attrs(i("axis", -1)), X, vec(-1, -3)));
        // Scalar index removes the axis; 2-D indices insert two.
        assertLongs(sh(4), new long[] {10, 11, 12, 13}, run("Gather", 13, none(), X, scalarL(1)));
        assertLongs(sh(3), new long[] {2, 12, 22}, run("Gather", 13, attrs(i("axis", 1)), X, tensor(DType.INT32, sh(), -2)));
        Tensor y = run("Gather", 13, attrs(i("axis", 1)), X, longs(sh(2, 2), 0, 1, 2, 3));
        assertLongs(sh(3, 2, 2), new long[] {0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23}, y);
        // Empty indices.
        assertArrayEquals(sh(0, 4), run("Gather", 13, none(), X, vec()).shape());
    }

    @ParameterizedTest @EnumSource(value = DType.class, names = {"FLOAT", "FLOAT16", "INT64", "INT32", "UINT8", "BOOL"})
    void randomGatherMatchesReference(DType dt) {
        Random rnd = new Random(3 + dt.ordinal());
        for (int trial = 0; trial < 30; trial++) {
            int r = 1 + rnd.nextInt(3), q = rnd.nextInt(3);
            int[] ds = randomShape(rnd, r, 4);
            int axis = rnd.nextInt(r);
            int[] is = randomShape(rnd, q, 3);
            Tensor x = random(dt, ds, rnd);
            long[] iv = new long[IndexMaps.size(is)];
            for (int k = 0; k < iv.length; k++) iv[k] = rnd.nextInt(2 * ds[axis]) - ds[axis];
            Tensor idx = longs(is, iv);
            int[] os = new int[r - 1 + q];
            for (int k = 0, n = 0; k < r; k++) {
                if (k == axis) for (int m : is) os[n++] = m;
                else os[n++] = ds[k];
            }
            Tensor expected = build(dt, os, flat -> {
                int[] c = unravel(flat, os);
                int[] ic = new int[q];
                System.arraycopy(c, axis, ic, 0, q);
                long v = iv[ravel(ic, is)];
                int[] dc = new int[r];
                for (int k = 0; k < r; k++) dc[k] = k < axis ? c[k] : k == axis ? (int) (v < 0 ? v + ds[axis] : v) : c[k + q - 1];
                return get(x, ravel(dc, ds));
            });
            assertTensor(expected, run("Gather", 13, attrs(i("axis", axis)), x, idx));
        }
    }

    @Test void gatherErrors() {
        assertOpError("index 3 is out of range", () -> run("Gather", 13, none(), X, vec(3)));
        assertOpError("index -4 is out of range", () -> run("Gather", 13, none(), X, vec(-4)));
        assertOpError("out of range for rank 2", () -> run("Gather", 13, attrs(i("axis", 2)), X, vec(0)));
        assertOpError("integer", () -> run("Gather", 13, none(), X, floats(sh(1), 0)));
        assertOpError("rank >= 1", () -> run("Gather", 13, none(), scalarL(1), vec(0)));
    }

    @Test void gatherTypeRule() {
        TensorType emb = type(DType.FLOAT, d(30522), d(384));
        assertEquals(type(DType.FLOAT, sym("b"), sym("s"), d(384)),
                infer1("Gather", 13, none(), types(emb, type(DType.INT64, sym("b"), sym("s")))));
        // Shape -> Gather(scalar index) is the usual PyTorch pattern.
        assertEquals(scalarType(DType.INT64), infer1("Gather", 13, none(), types(type(DType.INT64, 3), scalarType(DType.INT64))));
        assertEquals(type(DType.FLOAT, sym("b"), d(2), d(64)),
                infer1("Gather", 13, attrs(i("axis", -2)), types(type(DType.FLOAT, sym("b"), d(12), d(64)), type(DType.INT64, 2))));
        assertEquals(unranked(DType.FLOAT), infer1("Gather", 13, none(), types(emb, unranked(DType.INT64))));
    }

    // ---- GatherElements ----

    @Test void gatherElementsOnnxExamples() {
        // ONNX doc example 1: axis=1.
        Tensor y = run("GatherElements", 13, attrs(i("axis", 1)), floats(sh(2, 2), 1, 2, 3, 4), longs(sh(2, 2), 0, 0, 1, 0));
        assertFloats(sh(2, 2), new float[] {1, 1, 4, 3}, y);
        // ONNX doc example 2: axis=0, indices smaller than data, with a negative index.
        Tensor data = floats(sh(3, 3), 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertFloats(sh(2, 3), new float[] {4, 8, 3, 7, 2, 3},
                run("GatherElements", 13, none(), data, longs(sh(2, 3), 1, 2, 0, 2, 0, -3)));
    }

    @ParameterizedTest @EnumSource(value = DType.class, names = {"FLOAT", "INT64", "INT8", "BOOL"})
    void randomGatherElementsMatchesReference(DType dt) {
        Random rnd = new Random(5 + dt.ordinal());
        for (int trial = 0; trial < 25; trial++) {
            int r = 1 + rnd.nextInt(4);
            int[] ds = randomShape(rnd, r, 4);
            int axis = rnd.nextInt(r);
            int[] is = new int[r];
            for (int k = 0; k < r; k++) is[k] = k == axis ? rnd.nextInt(5) : 1 + rnd.nextInt(ds[k]);
            Tensor x = random(dt, ds, rnd);
            long[] iv = new long[IndexMaps.size(is)];
            for (int k = 0; k < iv.length; k++) iv[k] = rnd.nextInt(2 * ds[axis]) - ds[axis];
            Tensor expected = build(dt, is, flat -> {
                int[] c = unravel(flat, is);
                long v = iv[flat];
                c[axis] = (int) (v < 0 ? v + ds[axis] : v);
                return get(x, ravel(c, ds));
            });
            assertTensor(expected, run("GatherElements", 13, attrs(i("axis", axis - r)), x, longs(is, iv)));
        }
    }

    @Test void gatherElementsErrorsAndTypes() {
        assertOpError("out of range", () -> run("GatherElements", 13, none(), X, longs(sh(1, 1), 3)));
        assertOpError("rank", () -> run("GatherElements", 13, none(), X, vec(0)));
        assertOpError("exceeds data shape", () -> run("GatherElements", 13, none(), X, longs(sh(1, 5), 0, 0, 0, 0, 0)));
        assertEquals(type(DType.FLOAT, sym("b"), d(1)),
                infer1("GatherElements", 13, attrs(i("axis", 1)), types(type(DType.FLOAT, sym("b"), d(5)), type(DType.INT64, sym("b"), d(1)))));
    }

    // ---- GatherND ----

    @Test void gatherNdOnnxExamples() {
        Tensor d22 = longs(sh(2, 2), 0, 1, 2, 3);
        assertLongs(sh(2), new long[] {0, 3}, run("GatherND", 13, none(), d22, longs(sh(2, 2), 0, 0, 1, 1)));
        assertLongs(sh(2, 2), new long[] {2, 3, 0, 1}, run("GatherND", 13, none(), d22, longs(sh(2, 1), 1, 0)));
        Tensor d222 = longs(sh(2, 2, 2), 0, 1, 2, 3, 4, 5, 6, 7);
        assertLongs(sh(2, 2), new long[] {2, 3, 4, 5}, run("GatherND", 13, none(), d222, longs(sh(2, 2), 0, 1, 1, 0)));
        assertLongs(sh(2, 1, 2), new long[] {2, 3, 4, 5}, run("GatherND", 13, none(), d222, longs(sh(2, 1, 2), 0, 1, 1, 0)));
        // batch_dims = 1.
        assertLongs(sh(2, 2), new long[] {2, 3, 4, 5}, run("GatherND", 12, attrs(i("batch_dims", 1)), d222, longs(sh(2, 1), 1, 0)));
        // Negative index tuple element.
        assertLongs(sh(1), new long[] {3}, run("GatherND", 13, none(), d22, longs(sh(1, 2), -1, -1)));
    }

    @ParameterizedTest @EnumSource(value = DType.class, names = {"FLOAT", "INT64", "UINT8", "BOOL"})
    void randomGatherNdMatchesReference(DType dt) {
        Random rnd = new Random(11 + dt.ordinal());
        for (int trial = 0; trial < 25; trial++) {
            int r = 1 + rnd.nextInt(4);
            int b = rnd.nextInt(Math.min(r, 2));
            int k = 1 + rnd.nextInt(r - b);
            int[] ds = randomShape(rnd, r, 3);
            int extra = rnd.nextInt(2);
            int[] is = new int[b + extra + 1];
            for (int m = 0; m < b; m++) is[m] = ds[m];
            for (int m = b; m < b + extra; m++) is[m] = 1 + rnd.nextInt(3);
            is[is.length - 1] = k;
            long[] iv = new long[IndexMaps.size(is)];
            for (int t = 0; t < iv.length; t++) iv[t] = rnd.nextInt(ds[b + t % k]);
            Tensor x = random(dt, ds, rnd);
            int[] os = new int[is.length - 1 + r - b - k];
            System.arraycopy(is, 0, os, 0, is.length - 1);
            System.arraycopy(ds, b + k, os, is.length - 1, r - b - k);
            Tensor expected = build(dt, os, flat -> {
                int[] c = unravel(flat, os);
                int[] tupleCoord = new int[is.length];
                System.arraycopy(c, 0, tupleCoord, 0, is.length - 1);
                int[] dc = new int[r];
                for (int m = 0; m < b; m++) dc[m] = c[m];
                for (int m = 0; m < k; m++) {
                    tupleCoord[is.length - 1] = m;
                    dc[b + m] = (int) iv[ravel(tupleCoord, is)];
                }
                for (int m = b + k; m < r; m++) dc[m] = c[is.length - 1 + m - b - k];
                return get(x, ravel(dc, ds));
            });
            assertTensor(expected, run("GatherND", 13, attrs(i("batch_dims", b)), x, longs(is, iv)));
        }
    }

    @Test void gatherNdErrorsAndTypes() {
        Tensor d22 = longs(sh(2, 2), 0, 1, 2, 3);
        assertOpError("out of range", () -> run("GatherND", 13, none(), d22, longs(sh(1, 2), 0, 2)));
        assertOpError("cannot index", () -> run("GatherND", 13, none(), d22, longs(sh(1, 3), 0, 0, 0)));
        assertOpError("batch_dims", () -> run("GatherND", 13, attrs(i("batch_dims", 2)), d22, longs(sh(2, 1), 0, 0)));
        assertOpError("batch dims", () -> run("GatherND", 13, attrs(i("batch_dims", 1)), d22, longs(sh(3, 1), 0, 0, 0)));
        assertEquals(type(DType.FLOAT, sym("n"), d(5)),
                infer1("GatherND", 13, none(), types(type(DType.FLOAT, d(3), d(4), d(5)), type(DType.INT64, sym("n"), d(2)))));
        assertEquals(unranked(DType.FLOAT),
                infer1("GatherND", 13, none(), types(type(DType.FLOAT, 3, 4), type(DType.INT64, sym("n"), sym("k")))));
    }
}
