package dev.nnjit.ops.math;

import static dev.nnjit.ops.math.MathOpTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Tensor;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Bit operations, MatMulInteger and the quantization ops, against direct integer references. */
class IntegerAndQuantizeOpsTest {
    @Test
    void bitOperations() {
        Tensor a = Tensor.ofLongs(DType.UINT8, shape(4), new long[] {1, 16, 255, 0b1010});
        Tensor b = Tensor.ofLongs(DType.UINT8, shape(4), new long[] {1, 4, 1, 0b0110});
        assertLongs(run1("BitShift", 11, attrs(stringAttr("direction", "LEFT")), a, b), 2, 0, 254, 0b1010 << 6 & 0xFF);
        assertLongs(run1("BitShift", 11, attrs(stringAttr("direction", "RIGHT")), a, b), 0, 1, 127, 0);
        assertLongs(run1("BitwiseAnd", 18, Map.of(), a, b), 1, 0, 1, 0b0010);
        assertLongs(run1("BitwiseOr", 18, Map.of(), a, b), 1, 20, 255, 0b1110);
        assertLongs(run1("BitwiseXor", 18, Map.of(), a, b), 0, 20, 254, 0b1100);
        assertLongs(run1("BitwiseNot", 18, Map.of(), a), 254, 239, 0, 0b11110101);
        Tensor i8 = Tensor.ofLongs(DType.INT8, shape(2), new long[] {-1, 5});
        assertLongs(run1("BitwiseNot", 18, Map.of(), i8), 0, -6);
        Tensor u32 = Tensor.ofLongs(DType.UINT32, shape(2, 1), new long[] {1, 3});
        Tensor sh = run1("BitShift", 11, attrs(stringAttr("direction", "LEFT")), u32,
                Tensor.ofLongs(DType.UINT32, shape(2), new long[] {31, 32}));
        assertShape(sh, 2, 2);
        assertLongs(sh, 1L << 31, 0, 1L << 31, 0);
        expectError("direction", "BitShift", 11, Map.of(), 1, a, b);
        expectError("expected an integer type", "BitwiseAnd", 18, Map.of(), 1, floats(shape(1), 1), floats(shape(1), 1));
    }

    @Test
    void matMulIntegerWithZeroPoints() {
        Random r = new Random(81);
        int m = 5, k = 7, n = 4;
        Tensor a = randLongs(r, DType.UINT8, 0, 255, 2, m, k), b = randLongs(r, DType.INT8, -128, 127, k, n);
        Tensor zaRow = randLongs(r, DType.UINT8, 0, 255, m), zbCol = randLongs(r, DType.INT8, -128, 127, n);
        Tensor zaScalar = Tensor.ofLongs(DType.UINT8, shape(), new long[] {100});
        for (Tensor[] in : new Tensor[][] {{a, b}, {a, b, zaScalar}, {a, b, zaRow, zbCol}}) {
            Tensor y = run1("MatMulInteger", 10, Map.of(), in);
            assertEquals(DType.INT32, y.dtype());
            assertShape(y, 2, m, n);
            long[] e = new long[2 * m * n];
            for (int z = 0; z < 2; z++) {
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        long s = 0;
                        for (int p = 0; p < k; p++) {
                            long za = in.length > 2 ? in[2].longs()[in[2].size() == 1 ? 0 : i] : 0;
                            long zb = in.length > 3 ? in[3].longs()[j] : 0;
                            s += (a.longs()[(z * m + i) * k + p] - za) * (b.longs()[p * n + j] - zb);
                        }
                        e[(z * m + i) * n + j] = s;
                    }
                }
            }
            assertLongs(y, e);
        }
        expectError("must be int8 or uint8", "MatMulInteger", 10, Map.of(), 1, longs(shape(1, 1), 1), longs(shape(1, 1), 1));
        expectError("a_zero_point", "MatMulInteger", 10, Map.of(), 1, a, b, randLongs(r, DType.UINT8, 0, 9, 3));
    }

    @Test
    void quantizeAndDequantize() {
        Tensor x = floats(shape(2, 3), -1.5f, 0f, 0.5f, 1.5f, 2.5f, 300f);
        // per tensor, uint8 default: round half to even, then saturate
        Tensor q = run1("QuantizeLinear", 13, Map.of(), x, Tensor.scalar(1f));
        assertEquals(DType.UINT8, q.dtype());
        assertLongs(q, 0, 0, 0, 2, 2, 255);
        Tensor zp = Tensor.ofLongs(DType.INT8, shape(), new long[] {-3});
        Tensor q8 = run1("QuantizeLinear", 13, Map.of(), x, Tensor.scalar(0.5f), zp);
        assertEquals(DType.INT8, q8.dtype());
        assertLongs(q8, -6, -3, -2, 0, 2, 127);
        // per axis (axis 1, three channels)
        Tensor scales = floats(shape(3), 1f, 2f, 4f);
        Tensor zps = Tensor.ofLongs(DType.UINT8, shape(3), new long[] {10, 20, 30});
        Tensor qa = run1("QuantizeLinear", 13, Map.of(), x, scales, zps);
        assertLongs(qa, 8, 20, 30, 12, 21, 105);
        Tensor d = run1("DequantizeLinear", 13, Map.of(), qa, scales, zps);
        assertEquals(DType.FLOAT, d.dtype());
        assertFloatsExact(d, -2f, 0f, 0f, 2f, 2f, 300f);
        Tensor i32 = run1("DequantizeLinear", 13, Map.of(), Tensor.ofLongs(DType.INT32, shape(2), new long[] {-7, 9}),
                Tensor.scalar(0.5f));
        assertFloatsExact(i32, -3.5f, 4.5f);
        expectError("does not match axis 1", "QuantizeLinear", 13, Map.of(), 1, x, floats(shape(2), 1, 2));
        expectError("block_size", "QuantizeLinear", 21, attrs(intAttr("block_size", 2)), 1, x, Tensor.scalar(1f));
    }

    @Test
    void dynamicQuantizeLinear() {
        Tensor x = floats(shape(6), 0f, 2f, -3f, -2.5f, 1.34f, 0.5f);
        Tensor[] y = run("DynamicQuantizeLinear", 11, Map.of(), 3, x);
        float scale = (2f - -3f) / 255f;
        long zp = Math.round(3f / scale); // 153: 3/scale = 153.0 exactly in float
        assertFloatsExact(y[1], scale);
        assertLongs(y[2], zp);
        long[] e = new long[6];
        for (int i = 0; i < 6; i++) e[i] = (long) Math.max(0, Math.min(255, Math.rint(x.floats()[i] / scale) + zp));
        assertLongs(y[0], e);
        Tensor[] zeros = run("DynamicQuantizeLinear", 11, Map.of(), 3, floats(shape(2), 0f, 0f));
        assertLongs(zeros[0], 0, 0);
        assertLongs(zeros[2], 0);
    }
}
