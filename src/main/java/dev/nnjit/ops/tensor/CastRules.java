package dev.nnjit.ops.tensor;

import dev.nnjit.tensor.DType;
import dev.nnjit.tensor.Float16;
import dev.nnjit.tensor.PortableCasts;
import dev.nnjit.tensor.Tensor;

/**
 * Element conversions between supported dtypes, as ONNX Cast defines them (C-style):
 * <ul>
 *   <li>to float16 / bfloat16: round to nearest even (the value stays widened in a float[]);</li>
 *   <li>float to integer: truncate toward zero, then wrap into the target's width (NaN gives 0 and infinities
 *       saturate to the int64 range first: Java's rule, since C leaves both undefined);</li>
 *   <li>integer to narrower integer: wrap ({@link DType#wrap});</li>
 *   <li>to bool: non-zero (NaN included) is true; from bool: 1 / 0.</li>
 * </ul>
 */
public final class CastRules {
    private CastRules() {}

    /** A float rounded to the precision of a floating dtype. */
    public static float toFloatType(DType to, float v) {
        switch (to) {
            case FLOAT16: return Float16.roundToHalf(v);
            case BFLOAT16: return Float16.roundToBfloat16(v);
            default: return v;
        }
    }

    /** Converts every element of {@code x} to dtype {@code to}; returns x itself when the dtype is already {@code to}. */
    public static Tensor cast(Tensor x, DType to) {
        DType from = x.dtype();
        if (from == to) return x;
        int n = x.size();
        int[] shape = x.shape();
        switch (to.storage) {
            case FLOAT: {
                float[] o = new float[n];
                if (from.storage == DType.Storage.FLOAT) {
                    float[] s = x.floats();
                    for (int i = 0; i < n; i++) o[i] = toFloatType(to, s[i]);
                } else if (from.storage == DType.Storage.LONG) {
                    long[] s = x.longs();
                    for (int i = 0; i < n; i++) o[i] = toFloatType(to, (float) s[i]);
                } else {
                    boolean[] s = x.bools();
                    for (int i = 0; i < n; i++) o[i] = s[i] ? 1f : 0f;
                }
                return Tensor.of(to, shape, o);
            }
            case LONG: {
                long[] o = new long[n];
                if (from.storage == DType.Storage.FLOAT) {
                    float[] s = x.floats();
                    for (int i = 0; i < n; i++) o[i] = to.wrap(PortableCasts.toLong(s[i])); // JS-target safe
                } else if (from.storage == DType.Storage.LONG) {
                    long[] s = x.longs();
                    for (int i = 0; i < n; i++) o[i] = to.wrap(s[i]);
                } else {
                    boolean[] s = x.bools();
                    for (int i = 0; i < n; i++) o[i] = s[i] ? 1 : 0;
                }
                return Tensor.of(to, shape, o);
            }
            case BOOL: {
                boolean[] o = new boolean[n];
                if (from.storage == DType.Storage.FLOAT) {
                    float[] s = x.floats();
                    for (int i = 0; i < n; i++) o[i] = s[i] != 0f || Float.isNaN(s[i]);
                } else if (from.storage == DType.Storage.LONG) {
                    long[] s = x.longs();
                    for (int i = 0; i < n; i++) o[i] = s[i] != 0;
                } else {
                    System.arraycopy(x.bools(), 0, o, 0, n);
                }
                return Tensor.of(to, shape, o);
            }
            default: throw new IllegalArgumentException("cannot cast to " + to);
        }
    }
}
