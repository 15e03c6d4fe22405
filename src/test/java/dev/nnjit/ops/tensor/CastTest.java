package dev.nnjit.ops.tensor;

import static dev.nnjit.ops.tensor.TensorOpTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Float16;
import dev.nnjit.tensor.Tensor;
import dev.nnjit.tensor.TensorType;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Cast and CastLike over every supported dtype pair. */
class CastTest {
    private static Tensor cast(Tensor x, DType to) {
        return run("Cast", 13, attrs(i("to", to.onnxCode)), x);
    }

    @Test void floatToIntegerTruncatesTowardZeroAndWraps() {
        Tensor x = floats(sh(6), 1.7f, -1.7f, 2.5f, -0.5f, Float.NaN, 3e9f);
        assertTensor(tensor(DType.INT32, sh(6), 1, -1, 2, 0, 0, -1294967296), cast(x, DType.INT32));
        assertLongs(sh(6), new long[] {1, -1, 2, 0, 0, 3000000000L}, cast(x, DType.INT64));
        // uint8: -1.5 truncates to -1 and wraps to 255; 300.7 to 300, wrapped to 44.
        assertTensor(tensor(DType.UINT8, sh(3), 255, 44, 0), cast(floats(sh(3), -1.5f, 300.7f, 0.9f), DType.UINT8));
    }

    @Test void floatToHalfAndBfloat16Rounds() {
        Tensor x = floats(sh(5), 0.1f, 65504f, 65520f, 1e-8f, 1f / 3);
        Tensor h = cast(x, DType.FLOAT16);
        assertEquals(DType.FLOAT16, h.dtype());
        assertEquals(0.0999755859375f, h.floats()[0]);
        assertEquals(65504f, h.floats()[1]);
        assertEquals(Float.POSITIVE_INFINITY, h.floats()[2]);
        assertEquals(0f, h.floats()[3]);
        assertEquals(0.333251953125f, h.floats()[4]);
        Tensor b = cast(x, DType.BFLOAT16);
        assertEquals(0.333984375f, b.floats()[4]);
        // Widening back is exact.
        assertTensor(Tensor.ofFloats(sh(5), h.floats()), cast(h, DType.FLOAT));
        // int32 2049 lies halfway between halves 2048 and 2050: ties to even.
        assertEquals(2048f, cast(tensor(DType.INT32, sh(1), 2049), DType.FLOAT16).floats()[0]);
    }

    @Test void boolSemantics() {
        assertTensor(bools(sh(4), false, false, true, true), cast(floats(sh(4), 0f, -0f, 0.5f, Float.NaN), DType.BOOL));
        assertTensor(bools(sh(3), false, true, true), cast(longs(sh(3), 0, 5, -1), DType.BOOL));
        assertFloats(sh(2), new float[] {1, 0}, cast(bools(sh(2), true, false), DType.FLOAT));
        assertLongs(sh(2), new long[] {1, 0}, cast(bools(sh(2), true, false), DType.INT64));
        assertTensor(tensor(DType.FLOAT16, sh(2), 1, 0), cast(bools(sh(2), true, false), DType.FLOAT16));
    }

    @Test void integerConversions() {
        assertTensor(tensor(DType.INT8, sh(3), -56, 127, 1), cast(longs(sh(3), 200, -129, 257), DType.INT8));
        assertTensor(tensor(DType.UINT32, sh(1), 4294967295L), cast(longs(sh(1), -1), DType.UINT32));
        assertFloats(sh(1), new float[] {16777216f}, cast(longs(sh(1), 16777217), DType.FLOAT));
        assertTensor(tensor(DType.INT16, sh(1), -32768), cast(tensor(DType.UINT16, sh(1), 32768), DType.INT16));
    }

    @Test void sameDtypeReturnsInputAndOldAttributeForm() {
        Tensor x = floats(sh(2), 1, 2);
        assertSame(x, cast(x, DType.FLOAT));
        assertLongs(sh(2), new long[] {1, 2}, run("Cast", 1, attrs(s("to", "INT64")), x));
        assertTensor(tensor(DType.FLOAT16, sh(2), 1, 2), run("Cast", 1, attrs(s("to", "FLOAT16")), x));
    }

    /** Every supported pair on random values against an independent per-element conversion. */
    @Test void randomAllPairsMatchReference() {
        DType[] all = {DType.FLOAT, DType.FLOAT16, DType.BFLOAT16, DType.UINT8, DType.INT8, DType.UINT16, DType.INT16,
            DType.INT32, DType.INT64, DType.UINT32, DType.BOOL};
        Random rnd = new Random(61);
        for (DType from : all) {
            double[] v = new double[64];
            for (int k = 0; k < v.length; k++) {
                v[k] = k % 4 == 0 ? rnd.nextInt(3) - 1 : k % 4 == 1 ? rnd.nextGaussian() * 1000 : k % 4 == 2 ? rnd.nextGaussian() * 1e6 : rnd.nextGaussian();
            }
            Tensor x = tensor(from, sh(8, 8), v);
            for (DType to : all) {
                Tensor y = cast(x, to);
                for (int k = 0; k < x.size(); k++) {
                    Object expected = convert(get(x, k), to);
                    assertEquals(expected, get(y, k), from + " -> " + to + " of " + get(x, k));
                }
            }
        }
    }

    /** Reference conversion written from the C rules, without DType.wrap or Float16's rounding helpers. */
    static Object convert(Object v, DType to) {
        double d = v instanceof Boolean ? ((Boolean) v ? 1 : 0) : v instanceof Float ? (Float) v : (double) (Long) v;
        switch (to) {
            case BOOL: return d != 0 || Double.isNaN(d);
            case FLOAT: return v instanceof Long ? (float) (long) (Long) v : (float) d;
            case FLOAT16: return nearestHalf(v instanceof Long ? (float) (long) (Long) v : (float) d);
            case BFLOAT16: {
                float f = v instanceof Long ? (float) (long) (Long) v : (float) d;
                int bits = Float.floatToIntBits(f);
                int lower = bits & 0xFFFF, upper = bits & 0xFFFF0000;
                if (lower > 0x8000 || (lower == 0x8000 && (upper & 0x10000) != 0)) upper += 0x10000;
                return Float.intBitsToFloat(upper);
            }
            default: {
                long t = v instanceof Long ? (Long) v : (long) d; // truncation toward zero
                int bits = to.byteSize * 8;
                if (bits == 64) return t;
                long mod = 1L << bits;
                long u = Math.floorMod(t, mod);
                boolean signed = to == DType.INT8 || to == DType.INT16 || to == DType.INT32;
                return signed && u >= mod / 2 ? u - mod : u;
            }
        }
    }

    private static float[] halves;

    /** Nearest finite half by exhaustive search (ties to the even bit pattern); beyond 65520 rounds to infinity. */
    static float nearestHalf(float f) {
        if (Float.isNaN(f)) return f;
        if (Math.abs(f) >= 65520f) return f > 0 ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
        if (halves == null) {
            halves = new float[0x7C00];
            for (int b = 0; b < 0x7C00; b++) halves[b] = Float16.toFloat(b);
        }
        float a = Math.abs(f);
        int best = 0;
        for (int b = 1; b < halves.length; b++) {
            double db = Math.abs(halves[b] - (double) a), dbest = Math.abs(halves[best] - (double) a);
            if (db < dbest || (db == dbest && (b & 1) == 0)) best = b;
        }
        float r = halves[best];
        return f < 0 || (f == 0 && 1 / f < 0) ? -r : r;
    }

    @Test void unsupportedTargetsAreClearErrors() {
        Tensor x = floats(sh(1), 1);
        assertOpError("float64 is not supported", () -> cast(x, DType.DOUBLE));
        assertOpError("string is not supported", () -> cast(x, DType.STRING));
        assertOpError("unknown dtype", () -> run("Cast", 13, attrs(i("to", 99)), x));
        assertOpError("'to' is required", () -> run("Cast", 13, none(), x));
    }

    @Test void castLike() {
        Tensor x = floats(sh(2), 1.9f, -2.9f);
        assertLongs(sh(2), new long[] {1, -2}, run("CastLike", 15, none(), x, vec(0)));
        assertTensor(tensor(DType.FLOAT16, sh(2), 1.9, -2.9), run("CastLike", 15, none(), x, tensor(DType.FLOAT16, sh(), 0)));
    }

    @Test void typeRules() {
        TensorType in = type(DType.FLOAT, sym("b"), d(3));
        assertEquals(type(DType.INT64, sym("b"), d(3)), infer1("Cast", 13, attrs(i("to", 7)), types(in)));
        assertEquals(type(DType.BOOL, sym("b"), d(3)), infer1("CastLike", 15, none(), types(in, scalarType(DType.BOOL))));
        assertEquals(unranked(DType.FLOAT16), infer1("Cast", 13, attrs(i("to", 10)), types(unranked(DType.INT32))));
    }
}
