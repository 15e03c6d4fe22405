package dev.nnjit.ops.math;

import static dev.nnjit.ops.math.MathOpTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * MatMulKernel, MatMul and Gemm.
 *
 * <p>Two kinds of check: (1) the kernel is bit-identical to a naive float i-k-j loop (its stated contract), for
 * sizes that cross every blocking boundary and for strided (transposed) operands; (2) the ops agree with a double
 * reference within the rigorous float recursive-summation bound (k+1) * 2^-24 * sum_p |A[i][p] * B[p][j]|.
 */
class MatMulTest {
    /** Naive float product in i-k-j order with general strides: the kernel's exact contract. */
    static float[] naiveFloat(int m, int k, int n, float[] a, int aRow, int aCol, float[] b, int bRow, int bCol) {
        float[] c = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                float x = a[i * aRow + p * aCol];
                for (int j = 0; j < n; j++) c[i * n + j] += x * b[p * bRow + j * bCol];
            }
        }
        return c;
    }

    @Test
    void kernelIsBitIdenticalToNaiveLoopAcrossBlockBoundaries() {
        Random r = new Random(1);
        int[][] sizes = {{1, 1, 1}, {3, 5, 7}, {4, 4, 4}, {7, 300, 270}, {9, 257, 513}, {130, 3, 1}, {5, 1, 600}};
        for (int[] s : sizes) {
            int m = s[0], k = s[1], n = s[2];
            float[] a = randFloats(r, -1, 1, m * k).floats(), b = randFloats(r, -1, 1, k * n).floats();
            for (int trans = 0; trans < 4; trans++) {
                boolean ta = (trans & 1) != 0, tb = (trans & 2) != 0;
                int aRow = ta ? 1 : k, aCol = ta ? m : 1, bRow = tb ? 1 : n, bCol = tb ? k : 1;
                float[] expected = naiveFloat(m, k, n, a, aRow, aCol, b, bRow, bCol);
                float[] c = new float[m * n + 3];
                c[0] = 42f; // the kernel writes at cOff and leaves the rest alone
                MatMulKernel.multiply(m, k, n, a, 0, aRow, aCol, b, 0, bRow, bCol, c, 1);
                assertEquals(42f, c[0]);
                float[] got = java.util.Arrays.copyOfRange(c, 1, 1 + m * n);
                assertArrayEquals(expected, got, m + "x" + k + "x" + n + " trans=" + trans);
            }
        }
    }

    @Test
    void kernelWritesStridedRowsOfC() {
        Random r = new Random(7);
        int m = 6, k = 9, n = 5, cRow = 8;
        float[] a = randFloats(r, -1, 1, m * k).floats(), b = randFloats(r, -1, 1, k * n).floats();
        float[] expected = naiveFloat(m, k, n, a, k, 1, b, n, 1);
        float[] c = new float[m * cRow];
        java.util.Arrays.fill(c, 7f);
        MatMulKernel.multiply(m, k, n, a, 0, k, 1, b, 0, n, 1, c, 0, cRow);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < cRow; j++) {
                assertEquals(j < n ? expected[i * n + j] : 7f, c[i * cRow + j], "C[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void kernelWithZeroDepthWritesZeros() {
        float[] c = {5f, 5f, 5f, 5f};
        MatMulKernel.multiply(2, 0, 2, new float[0], 0, 0, 1, new float[0], 0, 2, 1, c, 0);
        assertArrayEquals(new float[4], c);
    }

    /** Double reference for numpy matmul on already-promoted shapes, with the per-element error bound. */
    private static void checkAgainstDouble(Tensor a, Tensor b, Tensor y, int[] a2, int[] b2, int[] outShape) {
        assertShape(y, outShape);
        int m = a2[a2.length - 2], k = a2[a2.length - 1], n = b2[b2.length - 1];
        int[] batchA = java.util.Arrays.copyOf(a2, a2.length - 2), batchB = java.util.Arrays.copyOf(b2, b2.length - 2);
        int[] batch = broadcastShape(batchA, batchB);
        int batches = size(batch);
        float[] ad = a.floats(), bd = b.floats(), yd = y.floats();
        assertEquals(batches * m * n, yd.length);
        for (int z = 0; z < batches; z++) {
            int[] c = coords(z, batch);
            int ao = broadcastIndex(batchA, c) * m * k, bo = broadcastIndex(batchB, c) * k * n;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0, abs = 0;
                    for (int p = 0; p < k; p++) {
                        double t = (double) ad[ao + i * k + p] * bd[bo + p * n + j];
                        sum += t;
                        abs += Math.abs(t);
                    }
                    double got = yd[(z * m + i) * n + j];
                    double bound = (k + 1) * 0x1p-24 * abs * 1.01 + 1e-30;
                    assertTrue(Math.abs(got - sum) <= bound, "batch " + z + " (" + i + "," + j + "): " + got + " vs "
                            + sum + ", bound " + bound);
                }
            }
        }
    }

    @Test
    void matmulShapesAndBroadcasting() {
        Random r = new Random(2);
        // {A shape, B shape, promoted A, promoted B, output}
        int[][][] cases = {
                {{3, 4}, {4, 5}, {3, 4}, {4, 5}, {3, 5}},
                {{4}, {4, 5}, {1, 4}, {4, 5}, {5}},
                {{3, 4}, {4}, {3, 4}, {4, 1}, {3}},
                {{4}, {4}, {1, 4}, {4, 1}, {}},
                {{2, 3, 4}, {4, 5}, {2, 3, 4}, {4, 5}, {2, 3, 5}},
                {{3, 4}, {2, 4, 5}, {3, 4}, {2, 4, 5}, {2, 3, 5}},
                {{2, 1, 3, 4}, {3, 4, 5}, {2, 1, 3, 4}, {3, 4, 5}, {2, 3, 3, 5}},
                {{1, 3, 4}, {2, 4, 5}, {1, 3, 4}, {2, 4, 5}, {2, 3, 5}},
                {{2, 3, 4}, {4}, {2, 3, 4}, {4, 1}, {2, 3}},
                {{4}, {2, 4, 5}, {1, 4}, {2, 4, 5}, {2, 5}},
                {{2, 0, 4}, {4, 5}, {2, 0, 4}, {4, 5}, {2, 0, 5}},
                {{3, 0}, {0, 5}, {3, 0}, {0, 5}, {3, 5}},
                {{64, 300}, {300, 260}, {64, 300}, {300, 260}, {64, 260}}};
        for (int[][] c : cases) {
            Tensor a = randFloats(r, -1, 1, c[0]), b = randFloats(r, -1, 1, c[1]);
            Tensor y = run1("MatMul", 13, Map.of(), a, b);
            checkAgainstDouble(a, b, y, c[2], c[3], c[4]);
        }
    }

    @Test
    void handComputedAndIntegers() {
        Tensor y = run1("MatMul", 13, Map.of(), floats(shape(2, 2), 1, 2, 3, 4), floats(shape(2, 2), 5, 6, 7, 8));
        assertFloatsExact(y, 19, 22, 43, 50);
        Tensor i = run1("MatMul", 13, Map.of(), Tensor.ofLongs(DType.INT32, shape(2, 2), new long[] {1, 2, 3, 4}),
                Tensor.ofLongs(DType.INT32, shape(2), new long[] {Integer.MAX_VALUE, 1}));
        assertEquals(DType.INT32, i.dtype());
        assertLongs(i, (int) (Integer.MAX_VALUE + 2L), (int) (3L * Integer.MAX_VALUE + 4));
    }

    @Test
    void matmulErrors() {
        expectError("inner dimensions differ", "MatMul", 13, Map.of(), 1, floats(shape(2, 3), new float[6]),
                floats(shape(2, 3), new float[6]));
        expectError("batch dimensions cannot be broadcast", "MatMul", 13, Map.of(), 1,
                floats(shape(2, 1, 1), new float[2]), floats(shape(3, 1, 1), new float[3]));
        expectError("rank >= 1", "MatMul", 13, Map.of(), 1, Tensor.scalar(1f), floats(shape(1), 1f));
        expectError("same type", "MatMul", 13, Map.of(), 1, floats(shape(1), 1f), longs(shape(1), 1));
    }

    @Test
    void gemmAttributesAndBiasShapes() {
        Random r = new Random(4);
        int m = 5, k = 7, n = 6;
        int[][] biasShapes = {null, {}, {1}, {n}, {m, 1}, {1, n}, {m, n}};
        for (int trans = 0; trans < 4; trans++) {
            boolean ta = (trans & 1) != 0, tb = (trans & 2) != 0;
            for (int[] cs : biasShapes) {
                float alpha = 0.5f + trans, beta = cs == null ? 1f : -1.5f;
                Tensor a = randFloats(r, -1, 1, ta ? new int[] {k, m} : new int[] {m, k});
                Tensor b = randFloats(r, -1, 1, tb ? new int[] {n, k} : new int[] {k, n});
                Tensor c = cs == null ? null : randFloats(r, -1, 1, cs);
                var at = attrs(intAttr("transA", ta ? 1 : 0), intAttr("transB", tb ? 1 : 0),
                        floatAttr("alpha", alpha), floatAttr("beta", beta));
                Tensor y = c == null ? run1("Gemm", 13, at, a, b) : run1("Gemm", 13, at, a, b, c);
                assertShape(y, m, n);
                double[] e = new double[m * n];
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double s = 0;
                        for (int p = 0; p < k; p++) {
                            s += (double) a.floats()[ta ? p * m + i : i * k + p] * b.floats()[tb ? j * k + p : p * n + j];
                        }
                        double bias = c == null ? 0 : c.floats()[broadcastIndex(cs, new int[] {i, j})];
                        e[i * n + j] = alpha * s + beta * bias;
                    }
                }
                // k=7 products of magnitude <= 1, scaled by alpha <= 3.5: float error well under 1e-5.
                assertClose(e, y, 1e-5, 1e-6);
            }
        }
    }

    @Test
    void gemmErrors() {
        Tensor a = floats(shape(2, 3), new float[6]), b = floats(shape(3, 4), new float[12]);
        expectError("inner dimensions differ", "Gemm", 13, attrs(intAttr("transB", 1)), 1, a, b);
        expectError("A must be 2-D", "Gemm", 13, Map.of(), 1, floats(shape(6), new float[6]), b);
        expectError("does not broadcast to (M,N)", "Gemm", 13, Map.of(), 1, a, b, floats(shape(3), 1, 2, 3));
        expectError("does not broadcast to (M,N)", "Gemm", 13, Map.of(), 1, a, b, floats(shape(4, 4), new float[16]));
        expectError("expects 3 inputs", "Gemm", 9, Map.of(), 1, a, b);
    }
}
