package dev.nnjit.codegen;

/**
 * Elementwise functions of {@link MapKernel}: the ONNX element functions that {@link ElementwiseExpr}'s operator set
 * does not spell (trigonometry, rounding, float classes, integer modulo and bit operations, quantization, 16-bit
 * float rounding). Each has a fixed arity, accepted operand types and named float parameters (its ONNX attributes).
 * Float functions that WGSL's builtins compute too loosely (sin/cos: 2^-11 absolute; atan: 4096 ulp; sinh and
 * friends through exp differences) use {@link WgslMath}'s accurate versions.
 *
 * <p>A vocabulary apart from {@link dev.nnjit.ops.fused.ElementwiseOp} on purpose: these take float parameters
 * (ONNX attributes) and integer-only forms, and are computed one op per {@link MapKernel}, never inside a fused
 * elementwise program or expression.
 */
public enum MapFn {
    SIN(1), COS(1), TAN(1), ASIN(1), ACOS(1), ATAN(1), SINH(1), COSH(1), ASINH(1), ACOSH(1), ATANH(1),
    /** Round half to even. */
    ROUND(1),
    SOFTPLUS(1), SOFTSIGN(1), MISH(1), HARD_SWISH(1),
    /** params: alpha. */
    ELU(1, "alpha"),
    /** params: alpha. */
    CELU(1, "alpha"),
    /** params: alpha, gamma. */
    SELU(1, "alpha", "gamma"),
    /** params: alpha. */
    THRESHOLDED_RELU(1, "alpha"),
    /** params: lambd, bias; f32 or i32 (integer results truncate toward zero, as the reference does). */
    SHRINK(1, "lambd", "bias"),
    /** f32 or i32. */
    SIGN(1),
    /** f32 to bool. */
    IS_NAN(1),
    /** f32 to bool; params: detect_positive, detect_negative (0 or 1). */
    IS_INF(1, "detect_positive", "detect_negative"),
    /** Remainder with the dividend's sign (C fmod; ONNX Mod fmod=1), f32 (exact) or i32. */
    FMOD(2),
    /** Remainder with the divisor's sign (ONNX Mod fmod=0), i32. */
    MOD(2),
    /** Integer power, i32 base and exponent (negative exponents: 1, -1 or 0 as the reference). */
    POW_INT(2),
    /**
     * Integer base, f32 exponent, to i32 truncated toward zero (the reference's C cast of pow in double); an
     * integral exponent takes the exact integer power, since exp2(y log2 x) can land just below an integer.
     */
    POW_INT_FLOAT_EXP(2),
    /** params: bits (the unsigned dtype's width; results are masked to it). i32 operands holding unsigned values. */
    SHIFT_LEFT(2, "bits"),
    SHIFT_RIGHT(2),
    BIT_AND(2), BIT_OR(2), BIT_XOR(2),
    /** params: bits (0: signed, the i32 result is already the dtype's value; else the unsigned width). */
    BIT_NOT(1, "bits"),
    /** (x f32, scale f32, zero point i32) to i32: clamp(round_half_even(x / scale) + zp, lo, hi); params lo, hi. */
    QUANTIZE(3, "lo", "hi"),
    /**
     * f32 or i32 to a narrower integer (ONNX Cast, C style): truncate toward zero, wrap to {@code bits} (two's
     * complement when {@code signed} is 1), carried in i32. Exact for every f32: the wrap of a float is its
     * remainder modulo 2^bits (nn_fmod); NaN gives 0, and |x| >= 2^63 (infinities included) wraps as the int64
     * range end the reference's Java conversion saturates to. params: bits, signed.
     */
    WRAP_INT(1, "bits", "signed"),
    /** f32 rounded to the nearest float16 (ties to even), carried as f32; overflow to infinity. */
    ROUND_F16(1),
    /** f32 rounded to the nearest bfloat16 (ties to even), carried as f32. */
    ROUND_BF16(1);

    public final int arity;
    private final String[] params;

    MapFn(int arity, String... params) {
        this.arity = arity;
        this.params = params;
    }

    /** Names of the float parameters, in order. */
    public String[] params() { return params.clone(); }

    /** The result type for operands of type {@code in} (the first operand's), or throws when not accepted. */
    public ScalarType resultType(ScalarType[] in) {
        switch (this) {
            case IS_NAN: case IS_INF:
                require(in, ScalarType.F32);
                return ScalarType.BOOL;
            case SHRINK: case SIGN:
                if (in[0] == ScalarType.BOOL) throw new IllegalArgumentException(this + " takes f32 or i32, got bool");
                return in[0];
            case FMOD:
                if (in[0] == ScalarType.BOOL || in[1] != in[0]) throw new IllegalArgumentException(this
                        + " takes two f32 or two i32 operands");
                return in[0];
            case MOD: case POW_INT: case SHIFT_LEFT: case SHIFT_RIGHT: case BIT_AND: case BIT_OR: case BIT_XOR:
            case BIT_NOT:
                require(in, ScalarType.I32);
                return ScalarType.I32;
            case WRAP_INT:
                if (in[0] == ScalarType.BOOL) throw new IllegalArgumentException("WRAP_INT takes f32 or i32");
                return ScalarType.I32;
            case POW_INT_FLOAT_EXP:
                if (in[0] != ScalarType.I32 || in[1] != ScalarType.F32) {
                    throw new IllegalArgumentException("POW_INT_FLOAT_EXP takes (i32, f32)");
                }
                return ScalarType.I32;
            case QUANTIZE:
                if (in[0] != ScalarType.F32 || in[1] != ScalarType.F32 || in[2] != ScalarType.I32) {
                    throw new IllegalArgumentException("QUANTIZE takes (f32, f32, i32)");
                }
                return ScalarType.I32;
            default:
                require(in, ScalarType.F32);
                return ScalarType.F32;
        }
    }

    private void require(ScalarType[] in, ScalarType t) {
        for (ScalarType s : in) if (s != t) throw new IllegalArgumentException(this + " takes " + t + " operands, got " + s);
    }
}
