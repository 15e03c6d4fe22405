package dev.nnjit.ops.tensor;

import static dev.nnjit.ops.tensor.TensorOpTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TransposeTest {
    @Test void defaultReversesAxes() {
        Tensor x = floats(sh(2, 3), 1, 2, 3, 4, 5, 6);
        assertFloats(sh(3, 2), new float[] {1, 4, 2, 5, 3, 6}, run("Transpose", 13, none(), x));
    }

    @Test void explicitPermutation3d() {
        // x[i][j][k] = 100i + 10j + k, shape [2, 2, 3]; perm [1, 2, 0] gives y[j][k][i].
        long[] v = new long[12];
        for (int i = 0; i < 2; i++) for (int j = 0; j < 2; j++) for (int k = 0; k < 3; k++) v[i * 6 + j * 3 + k] = 100 * i + 10 * j + k;
        Tensor y = run("Transpose", 13, attrs(ints("perm", 1, 2, 0)), longs(sh(2, 2, 3), v));
        assertLongs(sh(2, 3, 2), new long[] {0, 100, 1, 101, 2, 102, 10, 110, 11, 111, 12, 112}, y);
    }

    @ParameterizedTest @EnumSource(value = DType.class, names = {"FLOAT", "FLOAT16", "BFLOAT16", "INT64", "INT32", "INT8", "UINT8", "BOOL"})
    void randomPermutationsMatchCoordinateReference(DType dt) {
        Random rnd = new Random(dt.ordinal());
        for (int trial = 0; trial < 20; trial++) {
            int rank = rnd.nextInt(5);
            int[] shape = randomShape(rnd, rank, 4);
            if (rank > 0 && rnd.nextInt(4) == 0) shape[rnd.nextInt(rank)] = 0;
            int[] perm = randomPerm(rnd, rank);
            Tensor x = random(dt, shape, rnd);
            long[] p = new long[rank];
            int[] outShape = new int[rank];
            for (int k = 0; k < rank; k++) { p[k] = perm[k]; outShape[k] = shape[perm[k]]; }
            Tensor expected = build(dt, outShape, flat -> {
                int[] oc = unravel(flat, outShape);
                int[] ic = new int[rank];
                for (int k = 0; k < rank; k++) ic[perm[k]] = oc[k];
                return get(x, ravel(ic, shape));
            });
            assertTensor(expected, run("Transpose", 13, attrs(ints("perm", p)), x));
        }
    }

    static int[] randomPerm(Random rnd, int n) {
        int[] p = new int[n];
        for (int k = 0; k < n; k++) p[k] = k;
        for (int k = n - 1; k > 0; k--) { int j = rnd.nextInt(k + 1); int t = p[k]; p[k] = p[j]; p[j] = t; }
        return p;
    }

    @Test void errors() {
        Tensor x = floats(sh(2, 3), 1, 2, 3, 4, 5, 6);
        assertOpError("not a permutation", () -> run("Transpose", 13, attrs(ints("perm", 0, 0)), x));
        assertOpError("not a permutation", () -> run("Transpose", 13, attrs(ints("perm", 0, 2)), x));
        assertOpError("2 entries for rank 3", () -> run("Transpose", 13, attrs(ints("perm", 1, 0)), floats(sh(1, 1, 1), 0)));
    }

    @Test void typeRuleKeepsSymbols() {
        assertEquals(type(DType.FLOAT, sym("s"), d(12), sym("b")),
                infer1("Transpose", 13, none(), types(type(DType.FLOAT, sym("b"), d(12), sym("s")))));
        assertEquals(type(DType.FLOAT, d(12), sym("b"), sym("s")),
                infer1("Transpose", 13, attrs(ints("perm", 1, 0, 2)), types(type(DType.FLOAT, sym("b"), d(12), sym("s")))));
        assertEquals(type(DType.INT64, unk(), unk()),
                infer1("Transpose", 13, attrs(ints("perm", 1, 0)), types(unranked(DType.INT64))));
        assertEquals(unranked(DType.INT64), infer1("Transpose", 13, none(), types(unranked(DType.INT64))));
    }
}
