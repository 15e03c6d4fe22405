package dev.nnjit.tensor;

/**
 * Java's numeric casts, written so every TeaVM target gives the JVM's answer.
 *
 * <p>TeaVM 0.16's JavaScript target compiles {@code (long) x} to {@code BigInt(trunc(x))} wrapped to 64 bits: NaN
 * and infinities throw a RangeError ("cannot be converted to a BigInt") and |x| >= 2^63 wraps instead of
 * saturating. Wasm GC (i64.trunc_sat) and the JVM agree with each other; this helper makes the JS build agree too.
 */
public final class PortableCasts {
    private PortableCasts() {}

    private static final double TWO_POW_63 = 9.223372036854775808E18;

    /** {@code (long) x} with Java semantics: NaN → 0, saturating at Long.MIN_VALUE / Long.MAX_VALUE. */
    public static long toLong(double x) {
        if (x != x) return 0;
        if (x >= TWO_POW_63) return Long.MAX_VALUE;
        if (x <= -TWO_POW_63) return Long.MIN_VALUE;
        return (long) x;
    }
}
