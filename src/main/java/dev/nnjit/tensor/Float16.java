package dev.nnjit.tensor;

/** IEEE 754 half precision and bfloat16 conversions (Java 17 has no Float.float16ToFloat). */
public final class Float16 {
    private Float16() {}

    /** Widens the 16 bits of an IEEE half to a float, exactly. */
    public static float toFloat(int bits) {
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1F;
        int mant = bits & 0x3FF;
        if (exp == 0x1F) return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        if (exp == 0) {
            if (mant == 0) return Float.intBitsToFloat(sign);
            float v = mant * 0x1p-24f; // subnormal half: mant * 2^-24
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /** Rounds a float to the nearest half (ties to even); returns its 16 bits. */
    public static int fromFloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xFF;
        int mant = bits & 0x7FFFFF;
        if (exp == 0xFF) return sign | 0x7C00 | (mant != 0 ? 0x200 : 0);
        int e = exp - 127 + 15;
        if (e >= 0x1F) return sign | 0x7C00;
        if (e <= 0) {
            if (e < -10) return sign;
            mant |= 0x800000;
            int shift = 14 - e;
            int half = mant >>> shift;
            int rem = mant & ((1 << shift) - 1);
            int mid = 1 << (shift - 1);
            if (rem > mid || (rem == mid && (half & 1) != 0)) half++;
            return sign | half;
        }
        int half = (e << 10) | (mant >>> 13);
        int rem = mant & 0x1FFF;
        if (rem > 0x1000 || (rem == 0x1000 && (half & 1) != 0)) half++;
        return sign | half;
    }

    /** Rounds a float through half precision and back. */
    public static float roundToHalf(float f) { return toFloat(fromFloat(f)); }

    public static float bfloat16ToFloat(int bits) { return Float.intBitsToFloat((bits & 0xFFFF) << 16); }

    /** Rounds a float to bfloat16 (ties to even) and back. */
    public static float roundToBfloat16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) return f;
        int lsb = (bits >>> 16) & 1;
        bits += 0x7FFF + lsb;
        return Float.intBitsToFloat(bits & 0xFFFF0000);
    }
}
