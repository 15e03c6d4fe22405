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

class ConcatSplitTest {
    // ---- Concat ----

    @Test void concat2dBothAxes() {
        Tensor a = floats(sh(2, 2), 1, 2, 3, 4), b = floats(sh(2, 2), 5, 6, 7, 8);
        assertFloats(sh(4, 2), new float[] {1, 2, 3, 4, 5, 6, 7, 8}, run("Concat", 13, attrs(i("axis", 0)), a, b));
        assertFloats(sh(2, 4), new float[] {1, 2, 5, 6, 3, 4, 7, 8}, run("Concat", 13, attrs(i("axis", 1)), a, b));
        assertFloats(sh(2, 4), new float[] {1, 2, 5, 6, 3, 4, 7, 8}, run("Concat", 11, attrs(i("axis", -1)), a, b));
        assertFloats(sh(4, 2), new float[] {1, 2, 3, 4, 5, 6, 7, 8}, run("Concat", 11, attrs(i("axis", -2)), a, b));
    }

    @Test void concatUnevenSizesEmptyAndSingle() {
        Tensor a = longs(sh(1, 2), 1, 2), b = longs(sh(2, 2), 3, 4, 5, 6), e = longs(sh(0, 2));
        assertLongs(sh(3, 2), new long[] {1, 2, 3, 4, 5, 6}, run("Concat", 13, attrs(i("axis", 0)), a, e, b));
        assertLongs(sh(1, 2), new long[] {1, 2}, run("Concat", 13, attrs(i("axis", 0)), a));
        assertLongs(sh(4), new long[] {1, 2, 3, 4}, run("Concat", 13, attrs(i("axis", 0)), vec(1), vec(), vec(2, 3, 4)));
        // Opset 1-3: axis defaults to 1.
        assertLongs(sh(1, 4), new long[] {1, 2, 1, 2}, run("Concat", 1, none(), a, a));
    }

    @ParameterizedTest @EnumSource(value = DType.class, names = {"FLOAT", "FLOAT16", "INT64", "INT32", "UINT8", "BOOL"})
    void randomConcatMatchesReference(DType dt) {
        Random rnd = new Random(7 + dt.ordinal());
        for (int trial = 0; trial < 15; trial++) {
            int rank = 1 + rnd.nextInt(4);
            int axis = rnd.nextInt(rank);
            int[] base = randomShape(rnd, rank, 3);
            int n = 1 + rnd.nextInt(3);
            Tensor[] ins = new Tensor[n];
            int total = 0;
            for (int k = 0; k < n; k++) {
                int[] s = base.clone();
                s[axis] = rnd.nextInt(4);
                total += s[axis];
                ins[k] = random(dt, s, rnd);
            }
            int[] outShape = base.clone();
            outShape[axis] = total;
            Tensor expected = build(dt, outShape, flat -> {
                int[] c = unravel(flat, outShape);
                int k = 0;
                while (c[axis] >= ins[k].dim(axis)) c[axis] -= ins[k++].dim(axis);
                return get(ins[k], ravel(c, ins[k].shape()));
            });
            assertTensor(expected, run("Concat", 13, attrs(i("axis", axis - (rnd.nextBoolean() ? rank : 0))), ins));
        }
    }

    @Test void concatErrors() {
        Tensor a = floats(sh(2, 2), 1, 2, 3, 4);
        assertOpError("incompatible", () -> run("Concat", 13, attrs(i("axis", 0)), a, floats(sh(1, 3), 1, 2, 3)));
        assertOpError("rank", () -> run("Concat", 13, attrs(i("axis", 0)), a, floats(sh(4), 1, 2, 3, 4)));
        assertOpError("out of range", () -> run("Concat", 13, attrs(i("axis", 2)), a, a));
        assertOpError("dtype", () -> run("Concat", 13, attrs(i("axis", 0)), a, longs(sh(2, 2), 1, 2, 3, 4)));
        assertOpError("'axis' is required", () -> run("Concat", 13, none(), a, a));
        assertOpError("scalars", () -> run("Concat", 13, attrs(i("axis", 0)), Tensor.scalar(1), Tensor.scalar(2)));
    }

    @Test void concatTypeRule() {
        TensorType a = type(DType.FLOAT, sym("b"), sym("s"), d(64)), b = type(DType.FLOAT, sym("b"), d(1), d(64));
        assertEquals(type(DType.FLOAT, sym("b"), unk(), d(64)), infer1("Concat", 13, attrs(i("axis", 1)), types(a, b)));
        assertEquals(type(DType.FLOAT, sym("b"), d(2), d(64)), infer1("Concat", 13, attrs(i("axis", 1)), types(b, b)));
        assertEquals(type(DType.FLOAT, sym("b"), sym("s"), d(128)), infer1("Concat", 13, attrs(i("axis", -1)), types(a, a)));
        assertEquals(type(DType.FLOAT, d(3), unk(), d(64)),
                infer1("Concat", 13, attrs(i("axis", 0)), types(type(DType.FLOAT, d(1), sym("s"), d(64)), type(DType.FLOAT, d(2), sym("t"), d(64)))));
        // A known dim wins over a symbol (they must agree at run time).
        assertEquals(type(DType.FLOAT, d(4), d(6)),
                infer1("Concat", 13, attrs(i("axis", 1)), types(type(DType.FLOAT, sym("b"), d(2)), type(DType.FLOAT, d(4), d(4)))));
        // An unranked input leaves only the axis dim unknown.
        assertEquals(type(DType.FLOAT, sym("b"), unk(), d(64)), infer1("Concat", 13, attrs(i("axis", 1)), types(a, unranked(DType.FLOAT))));
        assertEquals(type(DType.FLOAT, sym("b"), unk(), d(64)), infer1("Concat", 13, attrs(i("axis", 1)), types(unranked(DType.FLOAT), b)));
        // Adding a known 0 keeps the symbol.
        assertEquals(type(DType.INT64, sym("n")), infer1("Concat", 13, attrs(i("axis", 0)), types(type(DType.INT64, sym("n")), type(DType.INT64, 0))));
    }

    // ---- Split ----

    @Test void splitEqualPartsAllOpsetForms() {
        Tensor x = floats(sh(6), 1, 2, 3, 4, 5, 6);
        for (int opset : new int[] {2, 11, 13, 18}) {
            Tensor[] o = runN("Split", opset, none(), 3, x);
            assertFloats(sh(2), new float[] {1, 2}, o[0]);
            assertFloats(sh(2), new float[] {3, 4}, o[1]);
            assertFloats(sh(2), new float[] {5, 6}, o[2]);
        }
        Tensor[] o = runN("Split", 18, attrs(i("num_outputs", 2)), 2, x);
        assertFloats(sh(3), new float[] {4, 5, 6}, o[1]);
    }

    @Test void splitVariablePartsAttributeAndInput() {
        Tensor x = floats(sh(2, 6), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        Tensor[] a = runN("Split", 11, attrs(i("axis", 1), ints("split", 2, 4)), 2, x);
        Tensor[] b = runN("Split", 13, attrs(i("axis", -1)), 2, x, vec(2, 4));
        Tensor[] c = runN("Split", 1, attrs(i("axis", 1)), 2, x, vec(2, 4));
        for (Tensor[] o : new Tensor[][] {a, b, c}) {
            assertFloats(sh(2, 2), new float[] {1, 2, 7, 8}, o[0]);
            assertFloats(sh(2, 4), new float[] {3, 4, 5, 6, 9, 10, 11, 12}, o[1]);
        }
        Tensor[] rows = runN("Split", 13, none(), 2, x, vec(1, 1));
        assertFloats(sh(1, 6), new float[] {7, 8, 9, 10, 11, 12}, rows[1]);
    }

    @Test void splitZeroSizesAndUnevenNumOutputs() {
        Tensor x = longs(sh(7), 1, 2, 3, 4, 5, 6, 7);
        Tensor[] z = runN("Split", 13, none(), 3, x, vec(0, 7, 0));
        assertArrayEquals(sh(0), z[0].shape());
        assertLongs(sh(7), new long[] {1, 2, 3, 4, 5, 6, 7}, z[1]);
        assertArrayEquals(sh(0), z[2].shape());
        // num_outputs=4 on 7 elements: chunks of ceil(7/4) = 2, the last one 1.
        Tensor[] n = runN("Split", 18, attrs(i("num_outputs", 4)), 4, x);
        assertLongs(sh(2), new long[] {5, 6}, n[2]);
        assertLongs(sh(1), new long[] {7}, n[3]);
    }

    @ParameterizedTest @EnumSource(value = DType.class, names = {"FLOAT", "BFLOAT16", "INT64", "INT8", "BOOL"})
    void splitThenConcatRoundTrips(DType dt) {
        Random rnd = new Random(dt.ordinal());
        for (int trial = 0; trial < 10; trial++) {
            int rank = 1 + rnd.nextInt(3);
            int[] shape = randomShape(rnd, rank, 5);
            int axis = rnd.nextInt(rank);
            long first = rnd.nextInt(shape[axis] + 1);
            Tensor x = random(dt, shape, rnd);
            Tensor[] parts = runN("Split", 13, attrs(i("axis", axis)), 2, x, vec(first, shape[axis] - first));
            assertTensor(x, run("Concat", 13, attrs(i("axis", axis)), parts));
        }
    }

    @Test void splitErrors() {
        Tensor x = floats(sh(5), 1, 2, 3, 4, 5);
        assertOpError("equal parts", () -> runN("Split", 13, none(), 2, x));
        assertOpError("sums to 4", () -> runN("Split", 13, none(), 2, x, vec(2, 2)));
        assertOpError("3 entries for 2 outputs", () -> runN("Split", 13, none(), 2, x, vec(1, 2, 2)));
        assertOpError("negative", () -> runN("Split", 13, none(), 2, x, vec(6, -1)));
        assertOpError("num_outputs is 3", () -> runN("Split", 18, attrs(i("num_outputs", 3)), 2, x));
        assertOpError("out of range", () -> runN("Split", 13, attrs(i("axis", 1)), 1, x));
        assertOpError("cannot be split into 4 chunks", () -> runN("Split", 18, attrs(i("num_outputs", 4)), 4, x));
    }

    @Test void splitTypeRule() {
        TensorType in = type(DType.FLOAT, sym("b"), d(10));
        TensorType[] t = infer("Split", 13, attrs(i("axis", 1)), 2, types(in, type(DType.INT64, 2)), null, vec(3, 7));
        assertEquals(type(DType.FLOAT, sym("b"), d(3)), t[0]);
        assertEquals(type(DType.FLOAT, sym("b"), d(7)), t[1]);
        t = infer("Split", 13, attrs(i("axis", 1)), 2, types(in));
        assertEquals(type(DType.FLOAT, sym("b"), d(5)), t[1]);
        t = infer("Split", 13, attrs(i("axis", 0)), 2, types(in));
        assertEquals(type(DType.FLOAT, unk(), d(10)), t[0]);
        t = infer("Split", 13, attrs(i("axis", 1)), 2, types(in, type(DType.INT64, 2)));
        assertEquals(type(DType.FLOAT, sym("b"), unk()), t[1]);
        t = infer("Split", 13, none(), 2, types(unranked(DType.BOOL)));
        assertEquals(unranked(DType.BOOL), t[1]);
    }
}
